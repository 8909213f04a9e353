#include <ui/models/rulestablemodel.h>

#include <engine/responders/rulebook.h>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace wirebench;

namespace {

QJsonObject parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

} // namespace

/** The rules table: a rules document in and out, cells edited and checked the engine's way. */
class TestRulesTableModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsADocumentAsRows();
    void roundTripKeepsKeysItDoesNotShow();
    void editedCellsGoBackIntoTheDocument();
    void invalidCellsAreMarkedWithTheirReason_data();
    void invalidCellsAreMarkedWithTheirReason();
    void theFirstProblemNamesRuleAndColumn();
    void theGreetingIsChecked();
    void invalidValuesFromTheDocumentAreMarkedNotLost();
    void rowsAreAddedRemovedAndMoved();

private:
    QModelIndex cell(int row, int column) const { return m_model->index(row, column); }
    QString problemAt(int row, int column) const { return cell(row, column).data(RulesTableModel::ProblemRole).toString(); }

    RulesTableModel *m_model = nullptr;
};

void TestRulesTableModel::init()
{
    m_model = new RulesTableModel;
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
}

void TestRulesTableModel::cleanup()
{
    delete m_model;
    m_model = nullptr;
}

void TestRulesTableModel::showsADocumentAsRows()
{
    m_model->setDocument(parse("{\"on_connect\": {\"text\": \"hi {{peer}}\"},\n"
        "        \"rules\": [{\"when\": {\"text\": \"^PING (\\\\d+)$\"}, \"reply\": {\"text\": \"PONG {{1}}\"}},\n"
        "                  {\"when\": {\"text\": \"^QUIT$\"}, \"reply\": [{\"text\": \"BYE\"}, {\"hex\": \"00\"}], \"delay_ms\": 200, \"then\": \"close\"},\n"
        "                  {\"when\": {}, \"then\": \"reset\"}]}"));
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->columnCount(), int(RulesTableModel::ColumnCount));
    QCOMPARE(m_model->greeting(), QStringLiteral("{\"text\":\"hi {{peer}}\"}"));
    QCOMPARE(cell(0, RulesTableModel::WhenColumn).data().toString(), QStringLiteral("{\"text\":\"^PING (\\\\d+)$\"}"));
    QCOMPARE(cell(0, RulesTableModel::ReplyColumn).data().toString(), QStringLiteral("{\"text\":\"PONG {{1}}\"}"));
    QCOMPARE(cell(1, RulesTableModel::ReplyColumn).data().toString(), QStringLiteral("[{\"text\":\"BYE\"},{\"hex\":\"00\"}]"));
    QCOMPARE(cell(1, RulesTableModel::DelayColumn).data().toInt(), 200);
    QCOMPARE(cell(1, RulesTableModel::ThenColumn).data().toString(), QStringLiteral("close"));
    QCOMPARE(cell(0, RulesTableModel::ThenColumn).data().toString(), QStringLiteral("none"));
    QCOMPARE(cell(0, RulesTableModel::ThenColumn).data(Qt::EditRole).toString(), QString());
    QCOMPARE(cell(2, RulesTableModel::ReplyColumn).data().toString(), QString());
    QCOMPARE(cell(2, RulesTableModel::WhenColumn).data(Qt::ToolTipRole).toString(), QStringLiteral("Answers any message"));
    QCOMPARE(m_model->headerData(1, Qt::Vertical).toInt(), 2); // "rule 2" is the row headed 2
    QVERIFY(m_model->isValid());
}

void TestRulesTableModel::roundTripKeepsKeysItDoesNotShow()
{
    const QJsonObject document = parse("{\"on_connect\": [{\"text\": \"a\"}, {\"channel\": \"x\", \"text\": \"b\"}],\n"
        "        \"x-comment\": \"kept\", \"rules\": [{\"when\": {\"hex\": \"0102\"}, \"reply\": {\"hex\": \"0304\"}, \"delay_ms\": 5, \"note\": \"mine\"},\n"
        "                                       {\"when\": {\"channel\": \"login\"}, \"then\": \"reset\"}]}");
    m_model->setDocument(document);
    QCOMPARE(m_model->document(), document);

    // Keys the engine refuses are kept too, and named as the problem they are.
    QCOMPARE(m_model->firstProblem(), QStringLiteral("rule 1: unknown rule key \"note\": a rule has \"when\", \"reply\", \"delay_ms\" and \"then\""));

    const QJsonObject valid = parse("{\"rules\": [{\"when\": {}, \"reply\": {\"text\": \"{{seq}}\"}}]}");
    m_model->setDocument(valid);
    QCOMPARE(m_model->document(), valid);
    RuleBook book;
    JsonProblem problem;
    QVERIFY2(RuleBook::fromJson(m_model->document(), &book, &problem), qPrintable(problem.message));
}

void TestRulesTableModel::editedCellsGoBackIntoTheDocument()
{
    m_model->setDocument(parse("{\"rules\": [{\"when\": {\"text\": \"^A$\"}, \"reply\": {\"text\": \"a\"}, \"then\": \"close\"}]}"));
    QSignalSpy changed(m_model, &RulesTableModel::documentChanged);
    QSignalSpy cells(m_model, &QAbstractItemModel::dataChanged);
    QVERIFY(m_model->setData(cell(0, RulesTableModel::WhenColumn), QStringLiteral(" {\"text\": \"^PING (\\\\d+)$\"} ")));
    QVERIFY(m_model->setData(cell(0, RulesTableModel::ReplyColumn), QStringLiteral("{\"text\": \"PONG {{1}}\"}")));
    QVERIFY(m_model->setData(cell(0, RulesTableModel::DelayColumn), 250));
    QVERIFY(m_model->setData(cell(0, RulesTableModel::ThenColumn), QString())); // none
    QCOMPARE(changed.size(), 4);
    QCOMPARE(cells.size(), 4);
    QCOMPARE(m_model->document(),
             parse("{\"rules\": [{\"when\": {\"text\": \"^PING (\\\\d+)$\"}, \"reply\": {\"text\": \"PONG {{1}}\"}, \"delay_ms\": 250}]}"));

    // What cannot be a delay or an end is refused, not kept.
    QVERIFY(!m_model->setData(cell(0, RulesTableModel::DelayColumn), -1));
    QVERIFY(!m_model->setData(cell(0, RulesTableModel::DelayColumn), RulesTableModel::maxDelayMsecs + 1));
    QVERIFY(!m_model->setData(cell(0, RulesTableModel::ThenColumn), QStringLiteral("explode")));
    QCOMPARE(cell(0, RulesTableModel::DelayColumn).data().toInt(), 250);

    // An emptied reply is no reply; an emptied match is any message.
    QVERIFY(m_model->setData(cell(0, RulesTableModel::ReplyColumn), QString()));
    QVERIFY(m_model->setData(cell(0, RulesTableModel::WhenColumn), QString()));
    QCOMPARE(m_model->document(), parse("{\"rules\": [{\"when\": {}, \"delay_ms\": 250}]}"));
    QVERIFY(m_model->isValid());
}

void TestRulesTableModel::invalidCellsAreMarkedWithTheirReason_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("reason");
    QTest::newRow("when: not JSON") << int(RulesTableModel::WhenColumn) << QStringLiteral("{\"text\": ") << QStringLiteral("not JSON");
    QTest::newRow("when: unknown key") << int(RulesTableModel::WhenColumn) << QStringLiteral("{\"txt\": \"a\"}") << QStringLiteral("unknown match key \"txt\"");
    QTest::newRow("when: bad expression") << int(RulesTableModel::WhenColumn) << QStringLiteral("{\"text\": \"((\"}") << QStringLiteral("not a regular expression");
    QTest::newRow("reply: unknown template") << int(RulesTableModel::ReplyColumn) << QStringLiteral("{\"text\": \"{{x}}\"}") << QStringLiteral("{{x}}");
    QTest::newRow("reply: two payloads") << int(RulesTableModel::ReplyColumn) << QStringLiteral("{\"text\": \"a\", \"hex\": \"00\"}") << QStringLiteral("exactly one payload key");
    QTest::newRow("reply: second of an array") << int(RulesTableModel::ReplyColumn) << QStringLiteral("[{\"text\": \"a\"}, {\"hex\": \"zz\"}]") << QStringLiteral("reply 2: ");
    QTest::newRow("reply: not an object") << int(RulesTableModel::ReplyColumn) << QStringLiteral("\"PONG\"") << QStringLiteral("a reply is an object");
}

void TestRulesTableModel::invalidCellsAreMarkedWithTheirReason()
{
    QFETCH(int, column);
    QFETCH(QString, typed);
    QFETCH(QString, reason);
    const QColor red(200, 0, 0);
    m_model->setProblemLook(red, {});
    QVERIFY(m_model->insertRow(0));
    QVERIFY(m_model->isValid());
    QVERIFY(m_model->setData(cell(0, column), typed)); // kept as typed, to be fixed
    QCOMPARE(cell(0, column).data().toString(), typed.trimmed());
    const QString problem = problemAt(0, column);
    QVERIFY2(problem.contains(reason), qPrintable(problem));
    QCOMPARE(cell(0, column).data(Qt::ToolTipRole).toString(), problem);
    QCOMPARE(cell(0, column).data(Qt::ForegroundRole).value<QColor>(), red);
    QVERIFY(!m_model->isValid());

    QVERIFY(m_model->setData(cell(0, column), column == RulesTableModel::WhenColumn ? QStringLiteral("{}") : QString()));
    QVERIFY(problemAt(0, column).isEmpty());
    QVERIFY(!cell(0, column).data(Qt::ForegroundRole).isValid());
    QVERIFY(m_model->isValid());
}

void TestRulesTableModel::theFirstProblemNamesRuleAndColumn()
{
    QVERIFY(m_model->insertRows(0, 3));
    QVERIFY(m_model->setData(cell(2, RulesTableModel::WhenColumn), QStringLiteral("{\"txt\": \"a\"}")));
    QVERIFY(m_model->setData(cell(1, RulesTableModel::ReplyColumn), QStringLiteral("{\"text\": \"{{x}}\"}")));
    QVERIFY2(m_model->firstProblem().startsWith(QLatin1String("rule 2, reply: ")), qPrintable(m_model->firstProblem()));
    QVERIFY(m_model->firstProblem().contains(QLatin1String("{{x}}")));
    QVERIFY(m_model->removeRow(1));
    QVERIFY2(m_model->firstProblem().startsWith(QLatin1String("rule 2, when: unknown match key \"txt\"")),
             qPrintable(m_model->firstProblem()));
}

void TestRulesTableModel::theGreetingIsChecked()
{
    QSignalSpy changed(m_model, &RulesTableModel::documentChanged);
    m_model->setGreeting(QStringLiteral("{\"text\": \"hello {{nope}}\"}"));
    QCOMPARE(changed.size(), 1);
    QVERIFY(m_model->greetingProblem().contains(QLatin1String("{{nope}}")));
    QVERIFY(m_model->firstProblem().startsWith(QLatin1String("greeting: ")));
    m_model->setGreeting(QStringLiteral("{\"text\": \"hello {{peer}}\"}"));
    QVERIFY(m_model->isValid());
    QCOMPARE(m_model->document(), parse("{\"on_connect\": {\"text\": \"hello {{peer}}\"}, \"rules\": []}"));
    m_model->setGreeting(QString());
    QCOMPARE(m_model->document(), parse("{\"rules\": []}"));
}

void TestRulesTableModel::invalidValuesFromTheDocumentAreMarkedNotLost()
{
    const QJsonObject document = parse("{\"rules\": [{\"when\": {\"text\": \"a\"}, \"delay_ms\": -3, \"then\": \"explode\"}]}");
    m_model->setDocument(document);
    QVERIFY(!problemAt(0, RulesTableModel::DelayColumn).isEmpty());
    QVERIFY(!problemAt(0, RulesTableModel::ThenColumn).isEmpty());
    QCOMPARE(m_model->document(), document);
    QVERIFY(m_model->firstProblem().startsWith(QLatin1String("rule 1, delay: ")));
    QVERIFY(m_model->setData(cell(0, RulesTableModel::DelayColumn), 0));
    QVERIFY(m_model->setData(cell(0, RulesTableModel::ThenColumn), QStringLiteral("reset")));
    QVERIFY(m_model->isValid());
    QCOMPARE(m_model->document(), parse("{\"rules\": [{\"when\": {\"text\": \"a\"}, \"then\": \"reset\"}]}"));
}

void TestRulesTableModel::rowsAreAddedRemovedAndMoved()
{
    m_model->setDocument(parse("{\"rules\": [{\"when\": {\"text\": \"1\"}}, {\"when\": {\"text\": \"2\"}}, {\"when\": {\"text\": \"3\"}}]}"));
    const auto order = [this] {
        QStringList texts;
        const QJsonArray rules = m_model->document().value(QStringLiteral("rules")).toArray();
        for (const QJsonValue &rule : rules)
            texts.append(rule[QStringLiteral("when")][QStringLiteral("text")].toString(QStringLiteral("*")));
        return texts.join(QLatin1Char(' '));
    };
    QVERIFY(m_model->moveRow({}, 2, {}, 0)); // up to the top
    QCOMPARE(order(), QStringLiteral("3 1 2"));
    QVERIFY(m_model->moveRow({}, 0, {}, 2)); // one down
    QCOMPARE(order(), QStringLiteral("1 3 2"));
    QVERIFY(!m_model->moveRow({}, 0, {}, 4));
    QVERIFY(m_model->insertRow(3)); // a new rule: any message, no reply
    QCOMPARE(order(), QStringLiteral("1 3 2 *"));
    QVERIFY(m_model->removeRows(0, 2));
    QCOMPARE(order(), QStringLiteral("2 *"));
    QVERIFY(m_model->isValid());
}

QTEST_GUILESS_MAIN(TestRulesTableModel)
#include "tst_rulestablemodel.moc"
