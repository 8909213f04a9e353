#include <tests/ui/dialogdriver.h>

#include <ui/widgets/codeceditor.h>
#include <ui/widgets/preferencesdialog.h>

#include <ui/models/messagelogmodel.h>

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFontComboBox>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QSpinBox>

using namespace wirebench;
using namespace dialogdriver;
using netcore::CodecConfig;
using Theme = Preferences::Theme;

/** The preferences dialog, filled in as a person would, then OK, Cancel, Apply or Restore Defaults. */
class TestPreferencesDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void untouchedFormGivesBackWhatItWasGiven_data();
    void untouchedFormGivesBackWhatItWasGiven();
    void everyFieldSetThenOk();
    void cancelAsksForNothing();
    void applyAsksForTheFormAndStaysOpen();
    void restoreDefaultsResetsTheForm();
    void invalidFramingDisablesOkAndApply();

private:
    template <typename T> T *find(const char *name) const
    {
        return m_dialog->findChild<T *>(QLatin1String(name));
    }
    QPushButton *button(QDialogButtonBox::StandardButton which) const
    {
        return m_dialog->findChild<QDialogButtonBox *>()->button(which);
    }
    /** Picks @p preset in the codec combo with the keyboard: the codec editor follows only a user's choice. */
    void chooseCodec(CodecEditor::Preset preset) const;
    /** What editEveryField() makes of the defaults. */
    static Preferences edited();
    /** Changes every field of the form as edited() says. */
    void editEveryField() const;

    PreferencesDialog *m_dialog = nullptr;
};

void TestPreferencesDialog::init()
{
    m_dialog = new PreferencesDialog;
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog));
}

void TestPreferencesDialog::cleanup()
{
    delete m_dialog;
    m_dialog = nullptr;
}

void TestPreferencesDialog::chooseCodec(CodecEditor::Preset preset) const
{
    auto *kind = find<QComboBox>("kindCombo");
    kind->setFocus();
    QTest::keyClick(kind, Qt::Key_Home);
    for (int i = 0; i < int(preset); ++i)
        QTest::keyClick(kind, Qt::Key_Down);
    QCOMPARE(kind->currentIndex(), int(preset));
}

Preferences TestPreferencesDialog::edited()
{
    Preferences preferences;
    preferences.defaultCodec = CodecConfig::line(QByteArrayLiteral("\r\n"));
    preferences.logCapacity = 250000;
    preferences.theme = Theme::Dark;
    preferences.hexFont.setPointSize(15);
    preferences.textFont.setFamily(QStringLiteral("DejaVu Serif"));
    preferences.textFont.setPointSize(12);
    return preferences;
}

void TestPreferencesDialog::editEveryField() const
{
    chooseCodec(CodecEditor::Preset::Line);
    typeInto(find<QLineEdit>("delimiterEdit"), QStringLiteral("\\r\\n"));
    typeInto(find<QSpinBox>("logCapacitySpin"), QStringLiteral("250000"));
    auto *theme = find<QComboBox>("themeCombo");
    theme->setCurrentIndex(theme->findData(int(Theme::Dark)));
    typeInto(find<QSpinBox>("hexSizeSpin"), QStringLiteral("15"));
    auto *textFamily = find<QFontComboBox>("textFontCombo");
    const int serif = textFamily->findText(QStringLiteral("DejaVu Serif"));
    QVERIFY2(serif >= 0, "the test needs the DejaVu fonts");
    textFamily->setCurrentIndex(serif);
    typeInto(find<QSpinBox>("textSizeSpin"), QStringLiteral("12"));
}

void TestPreferencesDialog::untouchedFormGivesBackWhatItWasGiven_data()
{
    QTest::addColumn<Preferences>("given");
    QTest::newRow("defaults (the fixed font may be an alias)") << Preferences();
    Preferences other;
    other.defaultCodec = CodecConfig::pythonComms();
    other.logCapacity = 5000;
    other.theme = Theme::Light;
    other.hexFont = QFont(QStringLiteral("DejaVu Sans Mono"), 13);
    other.textFont = QFont(QStringLiteral("DejaVu Sans"), 10, QFont::Bold);
    QTest::newRow("python comms, small log, light, other fonts") << other;
}

void TestPreferencesDialog::untouchedFormGivesBackWhatItWasGiven()
{
    QFETCH(Preferences, given);
    m_dialog->setPreferences(given);
    QVERIFY(okEnabled(m_dialog));
    QTest::mouseClick(button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    QCOMPARE(m_dialog->preferences(), given);
}

void TestPreferencesDialog::everyFieldSetThenOk()
{
    editEveryField();
    QVERIFY(okEnabled(m_dialog));
    QTest::mouseClick(button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    QVERIFY(!m_dialog->isVisible());

    const Preferences chosen = m_dialog->preferences();
    const Preferences expected = edited();
    QCOMPARE(chosen.defaultCodec, expected.defaultCodec);
    QCOMPARE(chosen.logCapacity, expected.logCapacity);
    QCOMPARE(chosen.theme, expected.theme);
    QCOMPARE(chosen.hexFont, expected.hexFont);
    QCOMPARE(chosen.textFont.family(), QStringLiteral("DejaVu Serif"));
    QCOMPARE(chosen.textFont.pointSize(), 12);
    QCOMPARE(chosen, expected);
}

void TestPreferencesDialog::cancelAsksForNothing()
{
    QSignalSpy applyRequested(m_dialog, &PreferencesDialog::applyRequested);
    editEveryField();
    QTest::mouseClick(button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QCOMPARE(m_dialog->result(), int(QDialog::Rejected));
    QVERIFY(!m_dialog->isVisible());
    QCOMPARE(applyRequested.count(), 0);
}

void TestPreferencesDialog::applyAsksForTheFormAndStaysOpen()
{
    QSignalSpy applyRequested(m_dialog, &PreferencesDialog::applyRequested);
    editEveryField();
    QTest::mouseClick(button(QDialogButtonBox::Apply), Qt::LeftButton);
    QCOMPARE(applyRequested.count(), 1);
    QCOMPARE(applyRequested.at(0).at(0).value<Preferences>(), edited());
    QVERIFY(m_dialog->isVisible());
}

void TestPreferencesDialog::restoreDefaultsResetsTheForm()
{
    Preferences other;
    other.defaultCodec = CodecConfig::raw();
    other.logCapacity = 5000;
    other.theme = Theme::Dark;
    other.hexFont.setPointSize(20);
    m_dialog->setPreferences(other);
    QCOMPARE(m_dialog->preferences(), other);

    QSignalSpy applyRequested(m_dialog, &PreferencesDialog::applyRequested);
    QTest::mouseClick(button(QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
    QVERIFY(m_dialog->isVisible());
    QCOMPARE(applyRequested.count(), 0); // only the form changed
    QCOMPARE(m_dialog->preferences(), Preferences());
    QCOMPARE(find<QSpinBox>("logCapacitySpin")->value(), MessageLogModel::defaultCapacity);
    QCOMPARE(find<QComboBox>("themeCombo")->currentText(), QStringLiteral("System"));
    QCOMPARE(find<QComboBox>("kindCombo")->currentIndex(), int(CodecEditor::Preset::Envelope));
}

void TestPreferencesDialog::invalidFramingDisablesOkAndApply()
{
    chooseCodec(CodecEditor::Preset::Line);
    typeInto(find<QLineEdit>("delimiterEdit"), QStringLiteral("\\q"));
    QVERIFY(!okEnabled(m_dialog));
    QVERIFY(!button(QDialogButtonBox::Apply)->isEnabled());
    typeInto(find<QLineEdit>("delimiterEdit"), QStringLiteral("\\n"));
    QVERIFY(okEnabled(m_dialog));
    QVERIFY(button(QDialogButtonBox::Apply)->isEnabled());
}

QTEST_MAIN(TestPreferencesDialog)
#include "tst_preferencesdialog.moc"
