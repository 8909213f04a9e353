#include <tests/engine/benchtap.h>
#include <tests/timefactor.h>

#include <engine/bench.h>

#include <QtCore/QJsonDocument>
#include <QtTest/QTest>

using namespace wirebench;
using namespace benchtest;

namespace {

ServerSpec rulesServer(const char *rules)
{
    ServerSpec spec = serverSpec(ServerMode::Rules);
    spec.rules = QJsonDocument::fromJson(rules).object();
    return spec;
}

const char *const pongRules = R"({"on_connect": {"text": "hi {{conn}}"},
    "rules": [{"when": {"text": "^HEX"}, "reply": {"hex": "{{text}}"}},
              {"when": {}, "reply": {"text": "pong {{seq}}"}}]})";

} // namespace

/** Hosted servers that answer by rules: what the log and the events show, and rules changed while connected. */
class tst_BenchResponders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void repliesAreLoggedAsTheServerSentThem();
    void aRuleErrorIsAnEvent();
    void newRulesApplyWithoutDroppingConnections();
    void rulesThatDoNotParseKeepTheServerDown();
    void receiptsAndRulesExcludeEachOther();
    void specsKeepWhatAnswers();
    void aScriptAnswersLogsAndFails();
    void aScriptTakesOverARunningServersConnections();
    void scriptsThatDoNotLoadKeepTheServerDown();
};

void tst_BenchResponders::repliesAreLoggedAsTheServerSentThem()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, rulesServer(pongRules), 1, &server, &clients));
    const QString serverSide = tap.endpointOf(server, clients.at(0));
    QVERIFY(tap.waitFor([&] { return tap.count(QStringLiteral("client 1"), Direction::In) == 1; }));
    const quint64 connection = tap.connectionOf(server, clients.at(0));
    QCOMPARE(tap.entriesAt(QStringLiteral("client 1"), Direction::In).first().message.payload(),
             QStringLiteral("hi %1").arg(connection).toUtf8());

    bench.send({SendTarget::Kind::Clients, {clients.at(0)}, 0, {}}, netcore::Message::text(QStringLiteral("ping")));
    QVERIFY(tap.waitFor([&] { return tap.count(QStringLiteral("client 1"), Direction::In) == 2; }));
    QCOMPARE(tap.entriesAt(QStringLiteral("client 1"), Direction::In).last().message.payload(), QByteArray("pong 1"));
    // The server's side: the greeting and the reply Out, the ping In, in the order they happened
    QVERIFY(tap.waitFor([&] { return tap.count(serverSide, Direction::Out) == 2; }));
    const QList<LogEntry> out = tap.entriesAt(serverSide, Direction::Out);
    QCOMPARE(out.at(1).message.payload(), QByteArray("pong 1"));
    QCOMPARE(out.at(1).connection, connection);
    QCOMPARE(tap.entriesAt(serverSide, Direction::In).first().message.payload(), QByteArray("ping"));
}

void tst_BenchResponders::aRuleErrorIsAnEvent()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, rulesServer(pongRules), 1, &server, &clients));
    bench.send({SendTarget::Kind::Clients, {clients.at(0)}, 0, {}}, netcore::Message::text(QStringLiteral("HEX!")));
    QVERIFY(tap.waitFor([&] { return tap.hasEvent(EventKind::Error, tap.endpointOf(server, clients.at(0)),
                                                  QStringLiteral("RuleError: rules[0]: the hex reply \"HEX!\" is not hex")); }));
    QCOMPARE(tap.client(clients.at(0)).state, QStringLiteral("connected"));
}

void tst_BenchResponders::newRulesApplyWithoutDroppingConnections()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, rulesServer(pongRules), 2, &server, &clients));
    const quint64 before = tap.connectionOf(server, clients.at(0));

    ServerSpec spec = tap.server(server).spec;
    spec.rules = QJsonDocument::fromJson(R"({"rules": [{"when": {}, "reply": {"text": "v2"}}]})").object();
    bench.updateServer(server, spec);
    QVERIFY(tap.waitFor([&] { return tap.hasEvent(EventKind::Info, QStringLiteral("server 1"), QStringLiteral("now answering: rules")); }));
    bench.send({SendTarget::Kind::Clients, {clients.at(0)}, 0, {}}, netcore::Message::text(QStringLiteral("x")));
    QVERIFY(tap.waitFor([&] {
        const QList<LogEntry> in = tap.entriesAt(QStringLiteral("client 1"), Direction::In);
        return !in.isEmpty() && in.last().message.payload() == "v2";
    }));
    QCOMPARE(tap.connectionOf(server, clients.at(0)), before); // the same connection
    QVERIFY(!tap.hasEvent(EventKind::Disconnected, QStringLiteral("server 1")));

    spec.mode = ServerMode::Echo; // and to a mode without a responder, likewise
    bench.updateServer(server, spec);
    bench.send({SendTarget::Kind::Clients, {clients.at(0)}, 0, {}}, netcore::Message::text(QStringLiteral("echo me")));
    QVERIFY(tap.waitFor([&] {
        const QList<LogEntry> in = tap.entriesAt(QStringLiteral("client 1"), Direction::In);
        return in.last().message.payload() == "echo me";
    }));
    QCOMPARE(tap.connectionOf(server, clients.at(0)), before);
    QVERIFY(!tap.hasEvent(EventKind::Disconnected, QStringLiteral("server 1")));
}

void tst_BenchResponders::rulesThatDoNotParseKeepTheServerDown()
{
    Bench bench;
    BenchTap tap(bench);
    const int server = bench.addServer(rulesServer(R"({"rules": [{"when": {"txt": "a"}}]})"));
    QVERIFY(tap.waitFor([&] { return !tap.server(server).error.isEmpty(); }));
    QVERIFY(!tap.server(server).listening);
    QCOMPARE(tap.server(server).error, QStringLiteral("rules: /rules/0/when/txt: unknown match key \"txt\": a match has "
                                                      "\"channel\", \"type\", \"text\", \"json\" and \"hex\""));
    QVERIFY(tap.hasEvent(EventKind::Error, QStringLiteral("server 1"), QStringLiteral("cannot answer: rules: /rules/0/when/txt")));
}

void tst_BenchResponders::receiptsAndRulesExcludeEachOther()
{
    Bench bench;
    BenchTap tap(bench);
    ServerSpec spec = rulesServer(pongRules);
    spec.receipts = true;
    const int server = bench.addServer(spec);
    QVERIFY(tap.waitFor([&] { return !tap.server(server).error.isEmpty(); }));
    QVERIFY(tap.server(server).error.contains(QLatin1String("turn receipts off")));
}

void tst_BenchResponders::specsKeepWhatAnswers()
{
    ServerSpec spec = rulesServer(pongRules);
    spec.script = QStringLiteral("function onMessage(conn, msg) { return msg; }");
    spec.scriptTimeoutMsecs = 250;
    for (const ServerMode mode : {ServerMode::Rules, ServerMode::Script, ServerMode::Echo}) {
        spec.mode = mode;
        const ServerSpec back = ServerSpec::fromJson(spec.toJson());
        QCOMPARE(back, spec); // the rules and the script stay whatever the mode
        QCOMPARE(back.toJson().value(QLatin1String("mode")).toString(), serverModeName(mode));
    }
    // A workspace from before responders: silent, no rules, no script, the default timeout.
    const ServerSpec old = ServerSpec::fromJson(QJsonObject{{QStringLiteral("mode"), QStringLiteral("relay")}});
    QCOMPARE(old.mode, ServerMode::Relay);
    QVERIFY(old.rules.isEmpty());
    QVERIFY(old.script.isEmpty());
    QCOMPARE(old.scriptTimeoutMsecs, 1000);
    QVERIFY(!old.hasResponder());
    ServerSpec other = spec;
    other.rules = {};
    QVERIFY(other.differsOnlyInResponder(spec));
    other.port = 7;
    QVERIFY(!other.differsOnlyInResponder(spec));
    QVERIFY(!spec.differsOnlyInResponder(spec)); // no change is no change
}

void tst_BenchResponders::aScriptAnswersLogsAndFails()
{
    Bench bench;
    BenchTap tap(bench);
    ServerSpec spec = serverSpec(ServerMode::Script);
    spec.script = QStringLiteral("function onMessage(conn, msg) {\n  console.log(\"got \" + msg.text);\n"
                                 "  if (msg.text === \"bad\") null.x;\n  return {text: \"pong \" + msg.text};\n}\n");
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, spec, 1, &server, &clients));
    const QString serverSide = tap.endpointOf(server, clients.at(0));
    bench.send({SendTarget::Kind::Clients, {clients.at(0)}, 0, {}}, netcore::Message::text(QStringLiteral("ping")));
    QVERIFY(tap.waitFor([&] { return tap.count(QStringLiteral("client 1"), Direction::In) == 1; }));
    QCOMPARE(tap.entriesAt(QStringLiteral("client 1"), Direction::In).first().message.payload(), QByteArray("pong ping"));
    QVERIFY(tap.waitFor([&] { return tap.hasEvent(EventKind::Info, serverSide, QStringLiteral("console.log: got ping")); }));
    QVERIFY(tap.waitFor([&] { return tap.count(serverSide, Direction::Out) == 1; })); // the reply, logged Out

    bench.send({SendTarget::Kind::Clients, {clients.at(0)}, 0, {}}, netcore::Message::text(QStringLiteral("bad")));
    QVERIFY(tap.waitFor([&] {
        return tap.hasEvent(EventKind::Error, serverSide,
                            QStringLiteral("ScriptError: onMessage: TypeError: Cannot read property 'x' of null (line 3)"));
    }));
    QCOMPARE(tap.client(clients.at(0)).state, QStringLiteral("connected"));
}

void tst_BenchResponders::scriptsThatDoNotLoadKeepTheServerDown()
{
    Bench bench;
    BenchTap tap(bench);
    ServerSpec spec = serverSpec(ServerMode::Script);
    spec.script = QStringLiteral("function onMessage(conn, msg) {\n  return {text: 1;\n}\n");
    const int server = bench.addServer(spec);
    QVERIFY(tap.waitFor([&] { return !tap.server(server).error.isEmpty(); }));
    QVERIFY(!tap.server(server).listening);
    QVERIFY2(tap.server(server).error.startsWith(QStringLiteral("script:2: SyntaxError: ")), qPrintable(tap.server(server).error));
}

void tst_BenchResponders::aScriptTakesOverARunningServersConnections()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, rulesServer(pongRules), 1, &server, &clients));
    const quint64 connection = tap.connectionOf(server, clients.at(0));
    ServerSpec spec = tap.server(server).spec;
    spec.mode = ServerMode::Script;
    spec.script = QStringLiteral("function onMessage(conn, msg) { return {text: conn.id + ' ' + conn.peer + ' ' + msg.text}; }");
    bench.updateServer(server, spec);
    QVERIFY(tap.waitFor([&] { return tap.hasEvent(EventKind::Info, QStringLiteral("server 1"), QStringLiteral("now answering: script")); }));
    bench.send({SendTarget::Kind::Clients, {clients.at(0)}, 0, {}}, netcore::Message::text(QStringLiteral("x")));
    // The connection it did not see open is still known by its id and its peer.
    const QByteArray expected = QStringLiteral("%1 127.0.0.1:%2 x").arg(connection).arg(tap.client(clients.at(0)).localPort).toUtf8();
    QVERIFY(tap.waitFor([&] {
        const QList<LogEntry> in = tap.entriesAt(QStringLiteral("client 1"), Direction::In);
        return !in.isEmpty() && in.last().message.payload() == expected;
    }));
    QVERIFY(!tap.hasEvent(EventKind::Disconnected, QStringLiteral("server 1")));
}

QTEST_GUILESS_MAIN(tst_BenchResponders)
#include "tst_benchresponders.moc"
