#include <tests/engine/scriptrig.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace wirebench;
using namespace scripttest;
using netcore::DisconnectReason;
using netcore::Message;

/*
 * The script API as a peer sees it: a real server answered by a
 * ScriptResponder, real clients, every call of conn, server, msg and
 * console. tst_scripterrors covers what goes wrong.
 */
class tst_ScriptResponder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void issueExampleAnswersAsItSays();
    void handlersMayBeConstOrLet();
    void connIdPeerAndStatePerConnection();
    void serverStateIsShared();
    void messageFields_data();
    void messageFields();
    void fieldsOfACodecWithoutChannels();
    void repliesOneArrayOrNone();
    void serverConnectionsSendAndBroadcast();
    void closeIsOrderlyResetIsNot();
    void afterRunsLaterAndGoesWithItsConnection();
    void consoleReachesTheLogWithItsConnection();
};

/** The contract's own example (issue 14). */
static const char issueExample[] = R"JS(
function onConnect(conn) { conn.send({channel: "hello", text: "welcome " + conn.peer}); }
function onMessage(conn, msg) {
  conn.state.n = (conn.state.n || 0) + 1;
  if (msg.channel === "login") return {json: {ok: msg.json.user === "alice", n: conn.state.n}};
  if (msg.text === "QUIT") { conn.send({text: "BYE"}); conn.close(); return; }
  return {text: "#" + conn.state.n + " " + msg.text};
}
function onDisconnect(conn, reason) {}
)JS";

void tst_ScriptResponder::issueExampleAnswersAsItSays()
{
    ScriptRig rig;
    QVERIFY2(rig.start(QString::fromUtf8(issueExample)), qPrintable(rig.error));
    auto client = rig.connect();
    QVERIFY(client);
    QSignalSpy ended(client.get(), &netcore::Client::disconnected);

    const Message hello = next(*client);
    QCOMPARE(hello.channel(), QStringLiteral("hello"));
    QCOMPARE(hello.toText(), QStringLiteral("welcome ") + rig.server.connections().value(0).peerString());

    client->send(Message::json(QJsonDocument(QJsonObject{{QStringLiteral("user"), QStringLiteral("alice")}}),
                               QStringLiteral("login"), 7));
    const Message login = next(*client);
    QCOMPARE(login.type(), netcore::MessageType::Json);
    QCOMPARE(login.channel(), QStringLiteral("login"));
    QCOMPARE(login.id(), 7u);
    QCOMPARE(login.toJson().object(), (QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("n"), 1}}));

    client->send(Message::text(QStringLiteral("hi")));
    QCOMPARE(nextText(*client), QStringLiteral("#2 hi"));
    client->send(Message::text(QStringLiteral("QUIT")));
    QCOMPARE(nextText(*client), QStringLiteral("BYE"));
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, testing::scaled(5000));
    QCOMPARE(ended.at(0).at(0).value<DisconnectReason>(), DisconnectReason::PeerClosed);
    QVERIFY(rig.recorder.failures.isEmpty());
}

void tst_ScriptResponder::handlersMayBeConstOrLet()
{
    ScriptRig rig;
    QVERIFY(rig.start(QStringLiteral("\"use strict\";\nconst onConnect = (conn) => conn.send({text: \"hi\"});\n"
                                     "let onMessage = (conn, msg) => ({text: msg.text.toUpperCase()});\n")));
    auto client = rig.connect();
    QVERIFY(client);
    QCOMPARE(nextText(*client), QStringLiteral("hi"));
    client->send(Message::text(QStringLiteral("abc")));
    QCOMPARE(nextText(*client), QStringLiteral("ABC"));
}

void tst_ScriptResponder::connIdPeerAndStatePerConnection()
{
    ScriptRig rig;
    QVERIFY(rig.start(QStringLiteral(R"JS(
function onConnect(conn) { conn.state.greeted = true; }
function onMessage(conn, msg) {
  conn.state.n = (conn.state.n || 0) + 1;
  return {json: {id: conn.id, peer: conn.peer, n: conn.state.n, greeted: conn.state.greeted}};
}
)JS")));
    auto first = rig.connect();
    QVERIFY(first);
    QVERIFY(testing::waitForConnections(rig.server, 1));
    const netcore::ConnectionInfo firstInfo = rig.server.connections().value(0);
    auto second = rig.connect();
    QVERIFY(second);
    QVERIFY(testing::waitForConnections(rig.server, 2));
    const quint64 secondId = rig.newestConnection();

    for (int round = 1; round <= 2; ++round) {
        first->send(Message::text(QStringLiteral("x")));
        const QJsonObject fromFirst = next(*first).toJson().object();
        QCOMPARE(fromFirst.value(QStringLiteral("id")).toInteger(), qint64(firstInfo.id));
        QCOMPARE(fromFirst.value(QStringLiteral("peer")).toString(), firstInfo.peerString());
        QCOMPARE(fromFirst.value(QStringLiteral("n")).toInt(), round);
        QCOMPARE(fromFirst.value(QStringLiteral("greeted")).toBool(), true);
    }
    second->send(Message::text(QStringLiteral("x")));
    const QJsonObject fromSecond = next(*second).toJson().object();
    QCOMPARE(fromSecond.value(QStringLiteral("id")).toInteger(), qint64(secondId));
    QCOMPARE(fromSecond.value(QStringLiteral("n")).toInt(), 1); // its own state, not the first's
}

void tst_ScriptResponder::serverStateIsShared()
{
    ScriptRig rig;
    QVERIFY(rig.start(QStringLiteral(R"JS(
server.state.total = 0;
function onMessage(conn, msg) { server.state.total += 1; return {text: String(server.state.total)}; }
)JS")));
    auto first = rig.connect();
    auto second = rig.connect();
    QVERIFY(first && second);
    first->send(Message::text(QStringLiteral("a")));
    QCOMPARE(nextText(*first), QStringLiteral("1"));
    second->send(Message::text(QStringLiteral("b")));
    QCOMPARE(nextText(*second), QStringLiteral("2"));
    first->send(Message::text(QStringLiteral("c")));
    QCOMPARE(nextText(*first), QStringLiteral("3"));
}

static const char fieldsScript[] = R"JS(
function shown(value) { return value === undefined ? "<undefined>" : value; }
function onMessage(conn, msg) {
  return {json: {channel: msg.channel, type: msg.type, id: msg.id, size: msg.size, hex: msg.hex,
                 text: shown(msg.text), json: shown(msg.json), hexAgain: msg.hex}};
}
)JS";

void tst_ScriptResponder::messageFields_data()
{
    QTest::addColumn<Message>("message");
    QTest::addColumn<QJsonObject>("fields");
    const QString undefined = QStringLiteral("<undefined>");
    const auto fields = [&](const QString &channel, const QString &type, int id, int size, const QString &hex,
                            const QJsonValue &text, const QJsonValue &json) {
        return QJsonObject{{QStringLiteral("channel"), channel}, {QStringLiteral("type"), type},
                           {QStringLiteral("id"), id},           {QStringLiteral("size"), size},
                           {QStringLiteral("hex"), hex},         {QStringLiteral("text"), text},
                           {QStringLiteral("json"), json},       {QStringLiteral("hexAgain"), hex}};
    };
    QTest::newRow("binary") << Message::binary(QByteArray("\x00\xff" "AB", 4), QStringLiteral("bin"), 1)
                            << fields(QStringLiteral("bin"), QStringLiteral("binary"), 1, 4, QStringLiteral("00ff4142"),
                                      undefined, undefined);
    QTest::newRow("text, UTF-8") << Message::text(QStringLiteral("h\u00e9"), QStringLiteral("t"), 2)
                                 << fields(QStringLiteral("t"), QStringLiteral("text"), 2, 3, QStringLiteral("68c3a9"),
                                           QStringLiteral("h\u00e9"), undefined);
    const QJsonObject user{{QStringLiteral("user"), QStringLiteral("alice")}};
    const QByteArray userJson = QJsonDocument(user).toJson(QJsonDocument::Compact);
    QTest::newRow("json") << Message::json(QJsonDocument(user), QStringLiteral("login"), 4294967295u)
                          << fields(QStringLiteral("login"), QStringLiteral("json"), -1, int(userJson.size()),
                                    QString::fromLatin1(userJson.toHex()), QString::fromUtf8(userJson), user);
    const QCborValue cbor(QCborMap{{QStringLiteral("a"), 1}});
    QTest::newRow("cbor, default channel, no id")
        << Message::cbor(cbor) << fields(QString(), QStringLiteral("cbor"), 0, int(cbor.toCbor().size()),
                                         QString::fromLatin1(cbor.toCbor().toHex()), undefined,
                                         QJsonObject{{QStringLiteral("a"), 1}});
    QTest::newRow("empty binary") << Message::binary(QByteArray())
                                  << fields(QString(), QStringLiteral("binary"), 0, 0, QString(), undefined, undefined);
}

void tst_ScriptResponder::messageFields()
{
    QFETCH(Message, message);
    QFETCH(QJsonObject, fields);
    ScriptRig rig;
    QVERIFY(rig.start(QString::fromUtf8(fieldsScript)));
    auto client = rig.connect();
    QVERIFY(client);
    client->send(message);
    const Message reply = next(*client);
    QJsonObject got = reply.toJson().object();
    if (fields.value(QStringLiteral("id")).toInt() == -1) { // the largest id: a double in JSON
        QCOMPARE(got.value(QStringLiteral("id")).toDouble(), 4294967295.0);
        got.remove(QStringLiteral("id"));
        fields.remove(QStringLiteral("id"));
    }
    QCOMPARE(got, fields);
    QCOMPARE(reply.channel(), message.channel()); // a returned reply answers on the message's channel and id
    QCOMPARE(reply.id(), message.id());
}

void tst_ScriptResponder::fieldsOfACodecWithoutChannels()
{
    ScriptRig rig(netcore::CodecConfig::line());
    QVERIFY(rig.start(QStringLiteral(
        "function onMessage(conn, msg) { return {text: JSON.stringify([msg.channel, msg.id, msg.type, msg.text])}; }")));
    auto client = rig.connect();
    QVERIFY(client);
    client->send(Message::text(QStringLiteral("hi")));
    QCOMPARE(nextText(*client), QStringLiteral(R"(["",0,"text","hi"])"));
}

void tst_ScriptResponder::repliesOneArrayOrNone()
{
    ScriptRig rig;
    QVERIFY(rig.start(QStringLiteral(R"JS(
function onMessage(conn, msg) {
  switch (msg.text) {
  case "one": return {text: "1"};
  case "array": return [{text: "a"}, {hex: "6200", channel: "other", id: 9}, {cbor: [1, "x"]}];
  case "undefined": return;
  case "null": return null;
  case "empty": return [];
  case "send": conn.send({text: "sent"}); return;
  }
  return {text: "end"};
}
)JS")));
    auto client = rig.connect();
    QVERIFY(client);
    for (const char *text : {"one", "array", "undefined", "null", "empty", "send", "end"})
        client->send(Message::text(QString::fromLatin1(text), QStringLiteral("ch"), 5));

    QCOMPARE(next(*client), Message::text(QStringLiteral("1"), QStringLiteral("ch"), 5));
    QCOMPARE(next(*client), Message::text(QStringLiteral("a"), QStringLiteral("ch"), 5));
    QCOMPARE(next(*client), Message::binary(QByteArray("b\0", 2), QStringLiteral("other"), 9));
    QCOMPARE(next(*client), Message::cbor(QCborArray{1, QStringLiteral("x")}, QStringLiteral("ch"), 5));
    // conn.send answers on no message: the default channel, id 0. Nothing came of the others.
    QCOMPARE(next(*client), Message::text(QStringLiteral("sent")));
    QCOMPARE(next(*client), Message::text(QStringLiteral("end"), QStringLiteral("ch"), 5));
    QVERIFY(rig.recorder.failures.isEmpty());
}

void tst_ScriptResponder::serverConnectionsSendAndBroadcast()
{
    ScriptRig rig;
    QVERIFY(rig.start(QStringLiteral(R"JS(
function onMessage(conn, msg) {
  if (msg.text === "who") return {json: server.connections()};
  if (msg.text.startsWith("tell ")) { server.send(Number(msg.text.substring(5)), {text: "from " + conn.id}); return; }
  if (msg.text === "all") return {text: "sent to " + server.broadcast({channel: "news", text: "everyone"})};
}
)JS")));
    auto first = rig.connect();
    QVERIFY(first);
    QVERIFY(testing::waitForConnections(rig.server, 1));
    const quint64 firstId = rig.newestConnection();
    auto second = rig.connect();
    QVERIFY(second);
    QVERIFY(testing::waitForConnections(rig.server, 2));
    const quint64 secondId = rig.newestConnection();

    first->send(Message::text(QStringLiteral("who")));
    QCOMPARE(next(*first).toJson().array(), (QJsonArray{qint64(firstId), qint64(secondId)}));
    first->send(Message::text(QStringLiteral("tell %1").arg(secondId)));
    QCOMPARE(nextText(*second), QStringLiteral("from %1").arg(firstId));
    second->send(Message::text(QStringLiteral("all")));
    QCOMPARE(next(*first), Message::text(QStringLiteral("everyone"), QStringLiteral("news")));
    QCOMPARE(next(*second), Message::text(QStringLiteral("everyone"), QStringLiteral("news")));
    QCOMPARE(nextText(*second), QStringLiteral("sent to 2"));
}

void tst_ScriptResponder::closeIsOrderlyResetIsNot()
{
    ScriptRig rig;
    QVERIFY(rig.start(QStringLiteral(R"JS(
function onMessage(conn, msg) {
  if (msg.text === "close") { conn.send({text: "bye"}); conn.close(); }
  if (msg.text === "reset") { conn.reset(); }
}
)JS")));
    auto closed = rig.connect();
    auto reset = rig.connect();
    QVERIFY(closed && reset);
    QSignalSpy closedEnd(closed.get(), &netcore::Client::disconnected);
    QSignalSpy resetEnd(reset.get(), &netcore::Client::disconnected);
    closed->send(Message::text(QStringLiteral("close")));
    reset->send(Message::text(QStringLiteral("reset")));
    QCOMPARE(nextText(*closed), QStringLiteral("bye")); // what was pending went first
    QTRY_COMPARE_WITH_TIMEOUT(closedEnd.count(), 1, testing::scaled(5000));
    QCOMPARE(closedEnd.at(0).at(0).value<DisconnectReason>(), DisconnectReason::PeerClosed);
    QTRY_COMPARE_WITH_TIMEOUT(resetEnd.count(), 1, testing::scaled(5000));
    QCOMPARE(resetEnd.at(0).at(0).value<DisconnectReason>(), DisconnectReason::PeerReset);
}

void tst_ScriptResponder::afterRunsLaterAndGoesWithItsConnection()
{
    ScriptRig rig;
    QVERIFY(rig.start(QStringLiteral(R"JS(
server.state.fired = false;
function onMessage(conn, msg) {
  var words = msg.text.split(" ");
  if (words[0] === "later") conn.after(20, function () { conn.send({text: "later"}); });
  if (words[0] === "arm") conn.after(Number(words[1]), function () { server.state.fired = true; });
  if (words[0] === "check") conn.after(Number(words[1]), function () { conn.send({text: "fired: " + server.state.fired}); });
  return {text: "ok " + words[0]};
}
function onDisconnect(conn, reason) { console.log("gone", conn.id); }
)JS")));
    auto client = rig.connect();
    QVERIFY(client);
    client->send(Message::text(QStringLiteral("later")));
    QCOMPARE(nextText(*client), QStringLiteral("ok later"));
    QCOMPARE(nextText(*client), QStringLiteral("later"));

    // A timer armed by a connection that ends never fires. The check's timer, set once the end
    // was handled and with the same delay, is due after it: it would see it.
    const int delay = testing::scaled(1000);
    auto leaving = rig.connect();
    QVERIFY(leaving);
    QVERIFY(testing::waitForConnections(rig.server, 2));
    const quint64 leavingId = rig.newestConnection();
    leaving->send(Message::text(QStringLiteral("arm %1").arg(delay)));
    QCOMPARE(nextText(*leaving), QStringLiteral("ok arm"));
    QElapsedTimer sinceArmed;
    sinceArmed.start();
    leaving->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(rig.recorder.lines.size(), 1, testing::scaled(5000));
    QCOMPARE(rig.recorder.lines.at(0).text, QStringLiteral("gone %1").arg(leavingId));
    QVERIFY2(sinceArmed.elapsed() < delay, "the end was handled after the timer was due: nothing to tell");
    client->send(Message::text(QStringLiteral("check %1").arg(delay)));
    QCOMPARE(nextText(*client), QStringLiteral("ok check"));
    QCOMPARE(nextText(*client), QStringLiteral("fired: false"));
}

void tst_ScriptResponder::consoleReachesTheLogWithItsConnection()
{
    ScriptRig rig;
    QVERIFY(rig.start(QStringLiteral(R"JS(
console.log("loaded");
function onConnect(conn) { console.info("hello", conn.id); }
function onMessage(conn, msg) {
  console.warn("got", {a: [1, "x"]}, 5, undefined, null, true);
  console.error(msg);
  return {text: "ok"};
}
)JS")));
    auto client = rig.connect();
    QVERIFY(client);
    client->send(Message::text(QStringLiteral("m"), QStringLiteral("c"), 3));
    QCOMPARE(nextText(*client), QStringLiteral("ok"));
    const quint64 id = rig.newestConnection();
    QTRY_COMPARE_WITH_TIMEOUT(rig.recorder.lines.size(), 4, testing::scaled(5000));
    // The top level's line waited for the first event; then each handler's, with its connection.
    QCOMPARE(rig.recorder.lines.at(0).connection, 0u);
    QCOMPARE(rig.recorder.lines.at(0).text, QStringLiteral("loaded"));
    QCOMPARE(rig.recorder.lines.at(1).connection, id);
    QCOMPARE(rig.recorder.lines.at(1).text, QStringLiteral("hello %1").arg(id));
    QCOMPARE(rig.recorder.lines.at(2).connection, id);
    QCOMPARE(rig.recorder.lines.at(2).text, QStringLiteral(R"(got {"a":[1,"x"]} 5 undefined null true)"));
    QCOMPARE(rig.recorder.lines.at(3).text,
             QStringLiteral(R"({"channel":"c","type":"text","id":3,"size":1,"hex":"6d","text":"m"})"));
}

QTEST_GUILESS_MAIN(tst_ScriptResponder)
#include "tst_scriptresponder.moc"
