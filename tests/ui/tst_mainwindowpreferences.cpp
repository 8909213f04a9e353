#include <tests/ui/isolatedsettings.h>
#include <tests/ui/logentries.h>

#include <ui/widgets/mainwindow.h>
#include <ui/widgets/preferencesdialog.h>
#include <ui/widgets/ratechart.h>
#include <ui/widgets/serverdialog.h>
#include <ui/widgets/spawnclientsdialog.h>

#include <ui/models/benchsession.h>
#include <ui/models/messagelogmodel.h>

#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFontComboBox>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QStyle>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QTreeWidget>

#include <functional>
#include <memory>

using namespace wirebench;
using Theme = Preferences::Theme;

/**
 * Edit > Preferences in the real window: each setting is chosen in the
 * dialog the menu opens, and what the window then shows is checked. The
 * test functions run in order and build on each other, like one session.
 */
class TestMainWindowPreferences : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void preferencesIsInTheEditMenu();
    void startsWithTheDefaults();
    void smallerLogDropsTheOldestAtOnce();
    void cancelChangesNothing();
    void themeSetsTheApplicationPalette();
    void fontsGoToTheirViews();
    void newServersAndClientsStartWithTheDefaultCodec();
    void applyTakesEffectWithTheDialogOpen();
    void preferencesComeBackAtNextStart();
    void windowThatIsNotPersistentLeavesSettingsAlone();

private:
    template <typename T> T *find(const char *name) const
    {
        T *child = m_window->findChild<T *>(QLatin1String(name));
        if (!child)
            qWarning("no %s named %s", T::staticMetaObject.className(), name);
        return child;
    }
    /**
     * Waits for the modal dialog of type D that @p open opens, lets @p fill change it, then clicks
     * @p button; the caller checks the returned flag (false: no such dialog opened).
     */
    template <typename D>
    static bool answerDialog(const std::function<void()> &open, const std::function<void(D *)> &fill,
                             QDialogButtonBox::StandardButton button)
    {
        bool answered = false;
        QTimer answer; // dies with this scope, so it cannot fire later into the references it holds
        answer.setSingleShot(true);
        QObject::connect(&answer, &QTimer::timeout, [&] {
            auto *dialog = qobject_cast<D *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            fill(dialog);
            QTest::mouseClick(dialog->template findChild<QDialogButtonBox *>()->button(button), Qt::LeftButton);
            answered = true;
        });
        answer.start(0);
        open();
        return answered;
    }
    /** Opens Edit > Preferences of @p window, lets @p fill change the form, then clicks @p button. */
    static bool editPreferences(MainWindow *window, const std::function<void(PreferencesDialog *)> &fill,
                                QDialogButtonBox::StandardButton button = QDialogButtonBox::Ok);
    static void typeInto(QWidget *edit, const QString &text);
    static void chooseTheme(PreferencesDialog *dialog, Theme theme);
    static QVariantMap savedSettings();
    MessageLogModel *log() const { return m_window->session()->logModel(); }

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    QString m_systemStyle;
    QPalette m_systemPalette;
};

void TestMainWindowPreferences::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateSettings(m_dir);
    m_systemStyle = QApplication::style()->name();
    m_systemPalette = QApplication::palette();

    m_window = std::make_unique<MainWindow>();
    m_window->restoreSettings();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindowPreferences::cleanupTestCase() { m_window.reset(); }

bool TestMainWindowPreferences::editPreferences(MainWindow *window, const std::function<void(PreferencesDialog *)> &fill,
                                                QDialogButtonBox::StandardButton button)
{
    return answerDialog<PreferencesDialog>(
        [window] { window->findChild<QAction *>(QStringLiteral("actionPreferences"))->trigger(); }, fill, button);
}

void TestMainWindowPreferences::typeInto(QWidget *edit, const QString &text)
{
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

void TestMainWindowPreferences::chooseTheme(PreferencesDialog *dialog, Theme theme)
{
    auto *combo = dialog->findChild<QComboBox *>(QStringLiteral("themeCombo"));
    combo->setCurrentIndex(combo->findData(int(theme)));
}

QVariantMap TestMainWindowPreferences::savedSettings()
{
    const QSettings store(QStringLiteral("Wirebench"), QStringLiteral("wirebench"));
    QVariantMap values;
    for (const QString &key : store.allKeys())
        values.insert(key, store.value(key));
    return values;
}

void TestMainWindowPreferences::preferencesIsInTheEditMenu()
{
    auto *edit = find<QMenu>("editMenu");
    auto *action = find<QAction>("actionPreferences");
    QVERIFY(edit && action);
    QVERIFY(edit->actions().contains(action));
    QCOMPARE(edit->title(), QStringLiteral("&Edit"));
    QCOMPARE(action->text(), QStringLiteral("&Preferences…"));
    QCOMPARE(action->menuRole(), QAction::PreferencesRole);
    QCOMPARE(action->shortcuts(), QKeySequence::keyBindings(QKeySequence::Preferences));
    // File, Edit, View, Help: where a Qt user looks.
    const QList<QAction *> menus = m_window->menuBar()->actions();
    QCOMPARE(menus.indexOf(edit->menuAction()), 1);
}

void TestMainWindowPreferences::startsWithTheDefaults()
{
    QCOMPARE(m_window->preferences(), Preferences());
    QCOMPARE(log()->capacity(), MessageLogModel::defaultCapacity);
    QCOMPARE(find<QPlainTextEdit>("hexView")->font().family(), Preferences().hexFont.family());
    QCOMPARE(QApplication::palette().color(QPalette::Window), m_systemPalette.color(QPalette::Window));
}

void TestMainWindowPreferences::smallerLogDropsTheOldestAtOnce()
{
    log()->append(testdata::numbered(1, 1500));
    QCOMPARE(log()->rowCount(), 1500);

    QVERIFY(editPreferences(m_window.get(), [](PreferencesDialog *dialog) {
        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("logCapacitySpin")), QStringLiteral("1000"));
    }));
    QCOMPARE(m_window->preferences().logCapacity, 1000);
    QCOMPARE(log()->capacity(), 1000);
    QCOMPARE(log()->rowCount(), 1000);
    QCOMPARE(log()->entry(0).sequence, 501); // the oldest 500 went

    log()->append(testdata::numbered(1501, 10));
    QCOMPARE(log()->rowCount(), 1000);
    QCOMPARE(log()->entry(0).sequence, 511);
    QCOMPARE(log()->entry(999).sequence, 1510);
}

void TestMainWindowPreferences::cancelChangesNothing()
{
    const Preferences before = m_window->preferences();
    const QVariantMap saved = savedSettings();
    QVERIFY(editPreferences(
        m_window.get(),
        [](PreferencesDialog *dialog) {
            typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("logCapacitySpin")), QStringLiteral("5000"));
            chooseTheme(dialog, Theme::Dark);
            typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("hexSizeSpin")), QStringLiteral("20"));
        },
        QDialogButtonBox::Cancel));
    QCOMPARE(m_window->preferences(), before);
    QCOMPARE(log()->capacity(), 1000);
    QCOMPARE(log()->rowCount(), 1000);
    QCOMPARE(QApplication::palette().color(QPalette::Window), m_systemPalette.color(QPalette::Window));
    QCOMPARE(find<QPlainTextEdit>("hexView")->font().pointSize(), before.hexFont.pointSize());
    QCOMPARE(savedSettings(), saved);
}

void TestMainWindowPreferences::themeSetsTheApplicationPalette()
{
    QVERIFY(editPreferences(m_window.get(), [](PreferencesDialog *dialog) { chooseTheme(dialog, Theme::Dark); }));
    QCOMPARE(m_window->preferences().theme, Theme::Dark);
    QVERIFY2(QApplication::palette().color(QPalette::Window).lightness() < 80,
             qPrintable(QApplication::palette().color(QPalette::Window).name()));
    QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() > 180);
    QVERIFY(QApplication::palette().color(QPalette::Base).lightness() < 80);
    QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
    // The widgets follow the application's palette (once events are processed).
    QTRY_COMPARE(m_window->palette().color(QPalette::Window), QApplication::palette().color(QPalette::Window));
    QTRY_COMPARE(find<QPlainTextEdit>("hexView")->palette().color(QPalette::Base),
                 QApplication::palette().color(QPalette::Base));
    // Qt Charts paints with a theme of its own: the charts take the dark one.
    const QList<RateChart *> charts = m_window->findChildren<RateChart *>();
    QCOMPARE(charts.size(), 2);
    for (const RateChart *chart : charts)
        QTRY_COMPARE(chart->chart()->theme(), QChart::ChartThemeDark);

    QVERIFY(editPreferences(m_window.get(), [](PreferencesDialog *dialog) { chooseTheme(dialog, Theme::Light); }));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
    QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() < 80);
    QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));

    QVERIFY(editPreferences(m_window.get(), [](PreferencesDialog *dialog) { chooseTheme(dialog, Theme::Dark); }));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    QVERIFY(editPreferences(m_window.get(), [](PreferencesDialog *dialog) { chooseTheme(dialog, Theme::System); }));
    QCOMPARE(QApplication::style()->name(), m_systemStyle);
    for (const QPalette::ColorRole role : {QPalette::Window, QPalette::WindowText, QPalette::Base, QPalette::Text,
                                           QPalette::Button, QPalette::Highlight})
        QCOMPARE(QApplication::palette().color(role), m_systemPalette.color(role));
    QTRY_COMPARE(m_window->palette().color(QPalette::Window), m_systemPalette.color(QPalette::Window));
    for (const RateChart *chart : charts)
        QTRY_COMPARE(chart->chart()->theme(), QChart::ChartThemeLight);
}

void TestMainWindowPreferences::fontsGoToTheirViews()
{
    QVERIFY(editPreferences(m_window.get(), [](PreferencesDialog *dialog) {
        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("hexSizeSpin")), QStringLiteral("15"));
        auto *textFamily = dialog->findChild<QFontComboBox *>(QStringLiteral("textFontCombo"));
        textFamily->setCurrentIndex(textFamily->findText(QStringLiteral("DejaVu Serif")));
        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("textSizeSpin")), QStringLiteral("12"));
    }));
    const Preferences chosen = m_window->preferences();
    QCOMPARE(chosen.hexFont.pointSize(), 15);
    QCOMPARE(chosen.hexFont.family(), Preferences().hexFont.family()); // the family was left alone
    QCOMPARE(chosen.textFont.family(), QStringLiteral("DejaVu Serif"));

    const QFont hex = find<QPlainTextEdit>("hexView")->font();
    QCOMPARE(hex.family(), chosen.hexFont.family());
    QCOMPARE(hex.pointSize(), 15);
    for (QWidget *textView : {static_cast<QWidget *>(find<QPlainTextEdit>("textView")),
                              static_cast<QWidget *>(find<QTreeWidget>("jsonTree")),
                              static_cast<QWidget *>(find<QPlainTextEdit>("payloadEdit"))}) {
        QCOMPARE(textView->font().family(), QStringLiteral("DejaVu Serif"));
        QCOMPARE(textView->font().pointSize(), 12);
    }
}

void TestMainWindowPreferences::newServersAndClientsStartWithTheDefaultCodec()
{
    QVERIFY(editPreferences(m_window.get(), [](PreferencesDialog *dialog) {
        auto *kind = dialog->findChild<QComboBox *>(QStringLiteral("kindCombo"));
        kind->setFocus();
        QTest::keyClick(kind, Qt::Key_Down); // envelope -> length field
        auto *lengthBytes = dialog->findChild<QComboBox *>(QStringLiteral("lengthBytesCombo"));
        lengthBytes->setCurrentIndex(lengthBytes->findData(2));
        auto *byteOrder = dialog->findChild<QComboBox *>(QStringLiteral("byteOrderCombo"));
        byteOrder->setCurrentIndex(byteOrder->findData(int(QSysInfo::LittleEndian)));
    }));
    const netcore::CodecConfig chosen = m_window->preferences().defaultCodec;
    QCOMPARE(chosen.kind, netcore::CodecConfig::Kind::Length);
    QCOMPARE(chosen.lengthFieldLength, 2);
    QCOMPARE(chosen.byteOrder, QSysInfo::LittleEndian);

    netcore::CodecConfig serverCodec;
    QString shownKind;
    QVERIFY(answerDialog<ServerDialog>(
        [this] { QTest::mouseClick(find<QToolButton>("addServerButton"), Qt::LeftButton); },
        [&](ServerDialog *dialog) {
            serverCodec = dialog->spec().codec;
            shownKind = dialog->findChild<QComboBox *>(QStringLiteral("kindCombo"))->currentText();
        },
        QDialogButtonBox::Cancel));
    QCOMPARE(serverCodec, chosen);
    QCOMPARE(shownKind, QStringLiteral("Length field"));

    // No server is selected, so nothing else decides the clients' framing.
    netcore::CodecConfig clientCodec;
    QVERIFY(answerDialog<SpawnClientsDialog>(
        [this] { QTest::mouseClick(find<QToolButton>("spawnClientsButton"), Qt::LeftButton); },
        [&](SpawnClientsDialog *dialog) { clientCodec = dialog->spec().codec; }, QDialogButtonBox::Cancel));
    QCOMPARE(clientCodec, chosen);
}

void TestMainWindowPreferences::applyTakesEffectWithTheDialogOpen()
{
    int windowLightness = -1;
    QVERIFY(editPreferences(
        m_window.get(),
        [&windowLightness](PreferencesDialog *dialog) {
            chooseTheme(dialog, Theme::Dark);
            QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Apply),
                              Qt::LeftButton);
            windowLightness = QApplication::palette().color(QPalette::Window).lightness();
        },
        QDialogButtonBox::Cancel));
    QVERIFY2(windowLightness >= 0 && windowLightness < 80, "Apply did not make it dark");
    // Cancel after Apply keeps what was applied, and saved.
    QCOMPARE(m_window->preferences().theme, Theme::Dark);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    QCOMPARE(savedSettings().value(QStringLiteral("appearance/theme")).toString(), QStringLiteral("dark"));
}

void TestMainWindowPreferences::preferencesComeBackAtNextStart()
{
    const Preferences before = m_window->preferences();
    QCOMPARE(before.theme, Theme::Dark);
    QCOMPARE(before.logCapacity, 1000);
    m_window->close();
    m_window.reset();

    m_window = std::make_unique<MainWindow>();
    m_window->restoreSettings();
    QCOMPARE(m_window->preferences(), before);
    QCOMPARE(log()->capacity(), 1000);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    QTRY_VERIFY(m_window->palette().color(QPalette::Window).lightness() < 80);
    QCOMPARE(find<QPlainTextEdit>("hexView")->font().pointSize(), 15);
    QCOMPARE(find<QPlainTextEdit>("textView")->font().family(), QStringLiteral("DejaVu Serif"));
}

void TestMainWindowPreferences::windowThatIsNotPersistentLeavesSettingsAlone()
{
    // What --screenshot does: the saved preferences neither shape the window nor change.
    m_window.reset();
    const QVariantMap saved = savedSettings();
    QVERIFY(saved.contains(QStringLiteral("appearance/theme")));

    m_window = std::make_unique<MainWindow>();
    m_window->setPersistent(false);
    m_window->restoreSettings();
    QCOMPARE(m_window->preferences(), Preferences());
    QCOMPARE(QApplication::palette().color(QPalette::Window), m_systemPalette.color(QPalette::Window));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    QVERIFY(editPreferences(m_window.get(), [](PreferencesDialog *dialog) {
        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("logCapacitySpin")), QStringLiteral("3000"));
        chooseTheme(dialog, Theme::Light);
    }));
    QCOMPARE(log()->capacity(), 3000); // applied all the same
    QCOMPARE(savedSettings(), saved);

    m_window->applyPreferences(Preferences());
    QCOMPARE(QApplication::palette().color(QPalette::Window), m_systemPalette.color(QPalette::Window));
}

QTEST_MAIN(TestMainWindowPreferences)
#include "tst_mainwindowpreferences.moc"
