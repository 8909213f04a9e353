#include <tests/ui/dialogdriver.h>

#include <ui/widgets/apptheme.h>
#include <ui/widgets/ruleseditor.h>
#include <ui/widgets/scripteditor.h>
#include <ui/widgets/serverdialog.h>

#include <ui/models/rulestablemodel.h>

#include <engine/responders/rulebook.h>

#include <QtCore/QJsonArray>
#include <QtGui/QTextBlock>
#include <QtTest/QTest>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>

using namespace wirebench;
using namespace dialogdriver;

/** The server dialog's Rules and Script behaviours, used as a person does: typing into cells and the editor. */
class TestServerResponderDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void rulesModeShowsAnExampleTableBesideTheForm();
    void aRuleTypedIntoTheTableIsCheckedCellByCell();
    void rulesAreAddedRemovedAndMovedWithTheButtons();
    void scriptSyntaxIsCheckedAsYouType();
    void okRightAfterTypingChecksTheScriptFirst();
    void untouchedExamplesStayOutOfOtherModes();
    void aResponderWithReceiptsIsRefused();
    void theDialogFitsASmallScreen();

private:
    template <typename T> T *find(const char *name) const { return findNamed<T>(m_dialog, name); }
    void chooseMode(ServerMode mode);
    QModelIndex cell(int row, int column) const;
    /** Opens cell (@p row, @p column) with F2 and returns its editor. */
    QWidget *openCell(int row, int column);
    void typeIntoCell(int row, int column, const QString &text);
    void clickOk();

    ServerDialog *m_dialog = nullptr;
};

void TestServerResponderDialog::init()
{
    m_dialog = new ServerDialog;
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog));
}

void TestServerResponderDialog::cleanup()
{
    delete m_dialog;
    m_dialog = nullptr;
}

void TestServerResponderDialog::chooseMode(ServerMode mode)
{
    auto *combo = find<QComboBox>("modeCombo");
    chooseWithKeys(combo, combo->findData(int(mode)));
}

QModelIndex TestServerResponderDialog::cell(int row, int column) const
{
    return find<QTableView>("rulesView")->model()->index(row, column);
}

QWidget *TestServerResponderDialog::openCell(int row, int column)
{
    auto *view = find<QTableView>("rulesView");
    const QModelIndex index = cell(row, column);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    if (view->currentIndex() != index)
        return nullptr;
    QTest::keyClick(view, Qt::Key_F2);
    const QList<QWidget *> children = view->viewport()->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly);
    for (QWidget *child : children) {
        if (child->isVisible())
            return child; // the delegate's editor, the only widget over the cells
    }
    return nullptr;
}

void TestServerResponderDialog::typeIntoCell(int row, int column, const QString &text)
{
    QWidget *editor = openCell(row, column);
    QVERIFY2(editor, "the cell did not open for editing");
    typeInto(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(cell(row, column).data(Qt::EditRole).toString(), text);
}

void TestServerResponderDialog::clickOk()
{
    QTest::mouseClick(m_dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

void TestServerResponderDialog::rulesModeShowsAnExampleTableBesideTheForm()
{
    QVERIFY(!find<QGroupBox>("answersGroup")->isVisible()); // silent: nothing to edit
    chooseMode(ServerMode::Rules);
    QVERIFY(find<QGroupBox>("answersGroup")->isVisible());
    QCOMPARE(find<QGroupBox>("answersGroup")->title(), QStringLiteral("Rules"));
    auto *view = find<QTableView>("rulesView");
    QVERIFY(view->isVisible());
    QCOMPARE(view->model()->rowCount(), 3);
    QCOMPARE(cell(0, RulesTableModel::WhenColumn).data().toString(), QStringLiteral("{\"text\":\"^PING (\\\\d+)$\"}"));
    QCOMPARE(find<QLineEdit>("greetingEdit")->text(), QStringLiteral("{\"text\":\"welcome {{peer}}\"}"));
    QVERIFY(okEnabled(m_dialog));
    QVERIFY(shownError(m_dialog, "rulesErrorLabel").isEmpty());
    // The form stays where it was, the table beside it, not under it.
    QVERIFY(find<QGroupBox>("answersGroup")->x() > find<QGroupBox>("behaviourGroup")->geometry().right());
    QCOMPARE(m_dialog->spec().rules, RulesEditor::exampleDocument());
    QCOMPARE(m_dialog->spec().mode, ServerMode::Rules);
}

void TestServerResponderDialog::aRuleTypedIntoTheTableIsCheckedCellByCell()
{
    chooseMode(ServerMode::Rules);
    QTest::mouseClick(find<QPushButton>("addRuleButton"), Qt::LeftButton);
    QCOMPARE(find<QTableView>("rulesView")->model()->rowCount(), 4);
    typeIntoCell(3, RulesTableModel::WhenColumn, QStringLiteral("{\"text\": \"^TIME$\"}"));
    typeIntoCell(3, RulesTableModel::ReplyColumn, QStringLiteral("{\"text\": \"{{now}} {{bogus}}\"}"));

    // Marked where it is, said under the table, and OK waits.
    const QString reason = cell(3, RulesTableModel::ReplyColumn).data(RulesTableModel::ProblemRole).toString();
    QVERIFY2(reason.contains(QLatin1String("{{bogus}}")), qPrintable(reason));
    QCOMPARE(cell(3, RulesTableModel::ReplyColumn).data(Qt::ToolTipRole).toString(), reason);
    QCOMPARE(cell(3, RulesTableModel::ReplyColumn).data(Qt::ForegroundRole).value<QColor>(),
             AppTheme::errorColor(m_dialog->palette()));
    QCOMPARE(shownError(m_dialog, "rulesErrorLabel"), QStringLiteral("rule 4, reply: %1").arg(reason));
    QVERIFY(!okEnabled(m_dialog));
    clickOk();
    QVERIFY(m_dialog->isVisible());

    typeIntoCell(3, RulesTableModel::ReplyColumn, QStringLiteral("{\"text\": \"{{now}}\"}"));
    QVERIFY(shownError(m_dialog, "rulesErrorLabel").isEmpty());
    QVERIFY(okEnabled(m_dialog));

    QWidget *delay = openCell(3, RulesTableModel::DelayColumn);
    QVERIFY(qobject_cast<QSpinBox *>(delay));
    typeInto(delay, QStringLiteral("150"));
    QTest::keyClick(delay, Qt::Key_Return);
    QTRY_COMPARE(cell(3, RulesTableModel::DelayColumn).data().toInt(), 150);

    auto *then = qobject_cast<QComboBox *>(openCell(3, RulesTableModel::ThenColumn));
    QVERIFY(then);
    chooseWithKeys(then, then->findData(QStringLiteral("close")));
    QTest::keyClick(then, Qt::Key_Return);
    QTRY_COMPARE(cell(3, RulesTableModel::ThenColumn).data().toString(), QStringLiteral("close"));

    clickOk();
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    const ServerSpec spec = m_dialog->spec();
    QCOMPARE(spec.mode, ServerMode::Rules);
    const QJsonArray rules = spec.rules.value(QStringLiteral("rules")).toArray();
    QCOMPARE(rules.size(), 4);
    QCOMPARE(rules.at(3).toObject(), (QJsonObject{{QStringLiteral("when"), QJsonObject{{QStringLiteral("text"), QStringLiteral("^TIME$")}}},
                                                  {QStringLiteral("reply"), QJsonObject{{QStringLiteral("text"), QStringLiteral("{{now}}")}}},
                                                  {QStringLiteral("delay_ms"), 150},
                                                  {QStringLiteral("then"), QStringLiteral("close")}}));
    RuleBook book;
    JsonProblem problem;
    QVERIFY2(RuleBook::fromJson(spec.rules, &book, &problem), qPrintable(problem.message));
}

void TestServerResponderDialog::rulesAreAddedRemovedAndMovedWithTheButtons()
{
    chooseMode(ServerMode::Rules);
    auto *view = find<QTableView>("rulesView");
    const auto whenAt = [this](int row) { return cell(row, RulesTableModel::WhenColumn).data().toString(); };
    const QString first = whenAt(0);
    const QString second = whenAt(1);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(cell(0, 0)).center());
    QTest::mouseClick(find<QToolButton>("moveDownButton"), Qt::LeftButton);
    QCOMPARE(whenAt(0), second);
    QCOMPARE(whenAt(1), first);
    QCOMPARE(view->currentIndex().row(), 1); // the rule moved stays the one selected
    QTest::mouseClick(find<QToolButton>("moveUpButton"), Qt::LeftButton);
    QCOMPARE(whenAt(0), first);
    QVERIFY(!find<QToolButton>("moveUpButton")->isEnabled()); // already first
    QTest::mouseClick(find<QPushButton>("removeRuleButton"), Qt::LeftButton);
    QCOMPARE(view->model()->rowCount(), 2);
    QCOMPARE(whenAt(0), second);
}

void TestServerResponderDialog::scriptSyntaxIsCheckedAsYouType()
{
    chooseMode(ServerMode::Script);
    QCOMPARE(find<QGroupBox>("answersGroup")->title(), QStringLiteral("Script"));
    auto *edit = find<QPlainTextEdit>("scriptEdit");
    QVERIFY(edit->isVisible());
    QCOMPARE(edit->toPlainText(), ScriptEditor::exampleScript());
    QVERIFY(okEnabled(m_dialog));

    typeInto(edit, QString());
    for (const char *line : {"function onMessage(conn, msg) {", "  console.log(msg.text);",
                             "  return {text: \"got \" + msg.text;", "}"}) {
        QTest::keyClicks(edit, QLatin1String(line));
        QTest::keyClick(edit, Qt::Key_Return);
    }
    QTRY_VERIFY(!shownError(m_dialog, "scriptErrorLabel").isEmpty());
    const QString error = shownError(m_dialog, "scriptErrorLabel");
    QVERIFY2(error.startsWith(QLatin1String("line 3: ")), qPrintable(error)); // the line of the missing brace
    QVERIFY(!okEnabled(m_dialog));

    // Fixing the line: the brace that was missing.
    QTextCursor cursor = edit->textCursor();
    cursor.setPosition(edit->document()->findBlockByNumber(2).position() + edit->document()->findBlockByNumber(2).length() - 2);
    edit->setTextCursor(cursor);
    QTest::keyClicks(edit, QStringLiteral("}"));
    QCOMPARE(edit->document()->findBlockByNumber(2).text(), QStringLiteral("  return {text: \"got \" + msg.text};"));
    QTRY_VERIFY(okEnabled(m_dialog));
    QVERIFY(shownError(m_dialog, "scriptErrorLabel").isEmpty());

    typeInto(find<QSpinBox>("timeoutSpin"), QStringLiteral("250"));
    clickOk();
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    QCOMPARE(m_dialog->spec().mode, ServerMode::Script);
    QCOMPARE(m_dialog->spec().script, edit->toPlainText());
    QCOMPARE(m_dialog->spec().scriptTimeoutMsecs, 250);
}

void TestServerResponderDialog::okRightAfterTypingChecksTheScriptFirst()
{
    chooseMode(ServerMode::Script);
    auto *edit = find<QPlainTextEdit>("scriptEdit");
    edit->moveCursor(QTextCursor::End);
    QTest::keyClicks(edit, QStringLiteral("function broken( {"));
    QVERIFY(okEnabled(m_dialog)); // not checked yet: the pause has not come
    clickOk();
    QVERIFY(m_dialog->isVisible());
    QVERIFY(!okEnabled(m_dialog));
    const QString error = shownError(m_dialog, "scriptErrorLabel");
    QVERIFY2(error.startsWith(QLatin1String("line ")), qPrintable(error));
}

void TestServerResponderDialog::untouchedExamplesStayOutOfOtherModes()
{
    ServerSpec echo;
    echo.mode = ServerMode::Echo;
    m_dialog->setSpec(echo);
    QCOMPARE(m_dialog->spec(), echo); // an edit that changed nothing changes nothing

    // A server's own rules and script come back as they were, whatever the mode shown.
    ServerSpec rules;
    rules.mode = ServerMode::Rules;
    rules.rules = QJsonObject{{QStringLiteral("rules"), QJsonArray{QJsonObject{{QStringLiteral("when"), QJsonObject()}}}}};
    rules.script = QStringLiteral("function onMessage(c, m) { return {text: 'x'}; }");
    m_dialog->setSpec(rules);
    QCOMPARE(m_dialog->spec(), rules);
    chooseMode(ServerMode::Script);
    QCOMPARE(m_dialog->spec().script, rules.script);
    QCOMPARE(m_dialog->spec().rules, rules.rules);
}

void TestServerResponderDialog::aResponderWithReceiptsIsRefused()
{
    clickCheckBox(find<QCheckBox>("receiptsCheck"));
    QVERIFY(m_dialog->spec().receipts);
    chooseMode(ServerMode::Rules);
    QVERIFY(!okEnabled(m_dialog));
    QVERIFY(shownError(m_dialog, "modeErrorLabel").contains(QLatin1String("receipts")));
    clickCheckBox(find<QCheckBox>("receiptsCheck"));
    QVERIFY(okEnabled(m_dialog));
    QVERIFY(shownError(m_dialog, "modeErrorLabel").isEmpty());
}

void TestServerResponderDialog::theDialogFitsASmallScreen()
{
    for (const ServerMode mode : {ServerMode::Rules, ServerMode::Script}) {
        chooseMode(mode);
        const QSize size = m_dialog->size();
        QVERIFY2(size.width() <= 1366 && size.height() <= 700,
                 qPrintable(QStringLiteral("%1x%2").arg(size.width()).arg(size.height())));
        QVERIFY(find<QGroupBox>("answersGroup")->width() >= 560);
    }
    chooseMode(ServerMode::Echo);
    QVERIFY(!find<QGroupBox>("answersGroup")->isVisible());
    QTRY_VERIFY2(m_dialog->width() < 700, qPrintable(QString::number(m_dialog->width()))); // no empty room left (a window system resizes later)
}

QTEST_MAIN(TestServerResponderDialog)
#include "tst_serverresponderdialog.moc"
