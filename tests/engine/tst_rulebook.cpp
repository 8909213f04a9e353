#include <engine/responders/jsonsource.h>
#include <engine/responders/rulebook.h>

#include <QtCore/QJsonArray>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using wirebench::JsonProblem;
using wirebench::JsonSource;
using wirebench::Rule;
using wirebench::RuleBook;

/** A rules file read and checked, its errors told by file and line as `serve --responder` prints them. */
class TestRuleBook : public QObject
{
    Q_OBJECT

private slots:
    void readsTheIssuesExample();
    void errorsNameFileAndLine_data();
    void errorsNameFileAndLine();
    void linesOfNestedValues();
    void unreadableFile();

private:
    QString write(const QByteArray &text);
    QTemporaryDir m_dir;
};

QString TestRuleBook::write(const QByteArray &text)
{
    const QString path = m_dir.filePath(QStringLiteral("rules.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestRuleBook::readsTheIssuesExample()
{
    const QString path = write(R"({"on_connect": {"channel": "hello", "text": "welcome {{peer}}"},
 "rules": [
  {"when": {"channel": "login", "json": {"/user": "alice"}}, "reply": {"json": {"ok": true, "user": "{{json:/user}}"}}},
  {"when": {"text": "^PING (\\d+)$"}, "reply": {"text": "PONG {{1}}"}},
  {"when": {"hex": "0102"}, "reply": {"hex": "0304"}, "delay_ms": 200},
  {"when": {"text": "^QUIT$"}, "reply": {"text": "BYE"}, "then": "close"},
  {"when": {"text": "^BOOM$"}, "then": "reset"},
  {"when": {}, "reply": [{"text": "#{{seq}} {{text}}"}, {"text": "and again"}]}
 ]})");
    RuleBook book;
    QString error;
    QVERIFY2(RuleBook::load(path, &book, &error), qPrintable(error));
    QCOMPARE(book.greeting().size(), 1);
    QCOMPARE(book.rules().size(), 6);
    QCOMPARE(book.rules().at(2).delayMsecs, 200);
    QCOMPARE(book.rules().at(3).then, Rule::Then::Close);
    QCOMPARE(book.rules().at(4).then, Rule::Then::Reset);
    QCOMPARE(book.rules().at(4).replies.size(), 0);
    QCOMPARE(book.rules().at(5).replies.size(), 2);
    QCOMPARE(book.source().value(QLatin1String("rules")).toArray().size(), 6);
}

void TestRuleBook::errorsNameFileAndLine_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("words");

    QTest::newRow("bad json") << QByteArray("{\"rules\": [\n  {\"when\": {}\n  ]}") << 3 << QStringLiteral("");
    QTest::newRow("not an object") << QByteArray("[]") << 1 << QStringLiteral("a rules file is an object");
    QTest::newRow("unknown top key") << QByteArray("{\"rules\": [],\n \"rulez\": []}") << 2 << QStringLiteral("unknown key \"rulez\"");
    QTest::newRow("rules not an array") << QByteArray("{\n\"rules\": {}}") << 2 << QStringLiteral("is an array of rules");
    QTest::newRow("unknown rule key") << QByteArray("{\"rules\": [\n {\"when\": {},\n  \"replay\": {\"text\": \"x\"}}]}") << 3
                                      << QStringLiteral("unknown rule key \"replay\"");
    QTest::newRow("rule without when") << QByteArray("{\"rules\": [\n\n {\"reply\": {\"text\": \"x\"}}]}") << 3
                                       << QStringLiteral("needs \"when\"");
    QTest::newRow("unknown match key") << QByteArray("{\"rules\": [{\"when\":\n {\n \"txt\": \"a\"}}]}") << 3
                                       << QStringLiteral("unknown match key \"txt\"");
    QTest::newRow("reply with two payloads") << QByteArray("{\"rules\": [{\"when\": {},\n \"reply\": {\"text\": \"a\", \"hex\": \"00\"}}]}") << 2
                                             << QStringLiteral("exactly one payload key");
    QTest::newRow("second reply of an array") << QByteArray("{\"rules\": [{\"when\": {}, \"reply\": [{\"text\": \"a\"},\n{\"text\": 1}]}]}") << 2
                                              << QStringLiteral("\"text\" must be a string");
    QTest::newRow("bad delay") << QByteArray("{\"rules\": [{\"when\": {},\n\n\"delay_ms\": -5}]}") << 3 << QStringLiteral("\"delay_ms\" must be");
    QTest::newRow("bad then") << QByteArray("{\"rules\": [{\"when\": {}, \"then\":\n \"explode\"}]}") << 1 << QStringLiteral("\"then\" must be");
    QTest::newRow("bad on_connect") << QByteArray("{\n\"on_connect\": {\"text\": \"{{1x}}\"}}") << 2 << QStringLiteral("unknown template {{1x}}");
    QTest::newRow("bad regex") << QByteArray("{\"rules\": [\n{\"when\": {\"text\": \"[\"}}]}") << 2 << QStringLiteral("not a regular expression");
}

void TestRuleBook::errorsNameFileAndLine()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, words);
    const QString path = write(text);
    RuleBook book;
    QString error;
    QVERIFY(!RuleBook::load(path, &book, &error));
    QVERIFY2(error.startsWith(QStringLiteral("%1:%2: ").arg(path).arg(line)), qPrintable(error));
    QVERIFY2(error.contains(words), qPrintable(error));
}

void TestRuleBook::linesOfNestedValues()
{
    JsonSource source;
    QString error;
    QVERIFY(source.parse("{\"a\": [\n 1,\n {\"b/c\":\n  \"x\", \"~\": 2}],\n\"d\": \"\\\"}\"}", QStringLiteral("t"), &error));
    QCOMPARE(source.lineOf(QString()), 1);
    QCOMPARE(source.lineOf(QStringLiteral("/a")), 1);
    QCOMPARE(source.lineOf(QStringLiteral("/a/0")), 2);
    QCOMPARE(source.lineOf(QStringLiteral("/a/1")), 3);
    QCOMPARE(source.lineOf(QStringLiteral("/a/1/b~1c")), 3); // a key's line, not its value's
    QCOMPARE(source.lineOf(QStringLiteral("/a/1/~0")), 4);
    QCOMPARE(source.lineOf(QStringLiteral("/d")), 5);
    QCOMPARE(source.lineOf(QStringLiteral("/a/1/nothing/deeper")), 3); // the nearest value that is there
    QCOMPARE(source.describe(JsonProblem{QStringLiteral("/d"), QStringLiteral("oops")}), QStringLiteral("t:5: oops"));
}

void TestRuleBook::unreadableFile()
{
    RuleBook book;
    QString error;
    QVERIFY(!RuleBook::load(m_dir.filePath(QStringLiteral("none.json")), &book, &error));
    QVERIFY2(error.contains(QLatin1String("none.json: cannot read")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestRuleBook)
#include "tst_rulebook.moc"
