#include <engine/responders/jsonproblem.h>
#include <engine/responders/responderhost.h>
#include <engine/responders/rulebook.h>
#include <engine/responders/rulesresponder.h>

#include <tests/integration/testhelpers.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

using netcore::Client;
using netcore::Message;
using wirebench::ResponderHost;
using wirebench::RuleBook;
using wirebench::RulesResponder;

namespace {

const char *const issueRules = R"({"on_connect": {"channel": "hello", "text": "welcome {{peer}}"},
 "rules": [
  {"when": {"channel": "login", "json": {"/user": "alice"}}, "reply": {"json": {"ok": true, "user": "{{json:/user}}"}}},
  {"when": {"text": "^PING (\\d+)$"}, "reply": {"text": "PONG {{1}}"}},
  {"when": {"hex": "0102"}, "reply": {"hex": "0304"}, "delay_ms": 200},
  {"when": {"text": "^QUIT$"}, "reply": {"text": "BYE"}, "then": "close"},
  {"when": {"text": "^BOOM$"}, "reply": {"text": "going"}, "then": "reset"},
  {"when": {"text": "^HEX$"}, "reply": {"hex": "{{text}}"}},
  {"when": {"text": "^quiet"}},
  {"when": {}, "reply": [{"text": "#{{seq}} {{text}}"}, {"channel": "conn", "id": "{{conn}}", "text": "{{seq}}"}]}
 ]})";

std::shared_ptr<RulesResponder> responderOf(const char *json)
{
    RuleBook book;
    wirebench::JsonProblem problem;
    if (!RuleBook::fromJson(QJsonDocument::fromJson(json).object(), &book, &problem))
        qFatal("bad rules in the test: %s %s", qPrintable(problem.path), qPrintable(problem.message));
    return std::make_shared<RulesResponder>(book);
}

/** What one client received, in order. */
struct Received
{
    explicit Received(Client *client)
    {
        QObject::connect(client, &Client::messageReceived, client, [this](const Message &m) { messages.append(m); });
    }
    bool waitFor(int count) { return QTest::qWaitFor([&] { return messages.size() >= count; }, testing::scaled(5000)); }
    QList<Message> messages;
};

} // namespace

/** A server answering by rules: every rule key and what the peer sees, over real sockets. */
class TestRulesResponder : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void greetingGoesBeforeAnyReply();
    void matchesAndTemplates();
    void delayHoldsUpNothingElse();
    void seqCountsPerConnection();
    void closeSendsTheReplyFirst();
    void resetSendsTheReplyThenRst();
    void aReplyThatCannotBeMadeIsReported();
    void rulesChangeWhileConnectionsStay();

private:
    std::unique_ptr<Client> connect(Received **received);

    std::unique_ptr<netcore::Server> m_server;
    std::unique_ptr<ResponderHost> m_host;
    std::vector<std::unique_ptr<Received>> m_received;
};

void TestRulesResponder::init()
{
    m_server = std::make_unique<netcore::Server>();
    m_server->setWorkers(2); // the rules answer from two I/O threads at once
    m_host = std::make_unique<ResponderHost>(m_server.get());
    m_host->setResponder(responderOf(issueRules));
    QVERIFY(m_server->listen());
}

void TestRulesResponder::cleanup()
{
    m_host->setResponder({});
    m_server.reset();
    m_host.reset();
    m_received.clear();
}

std::unique_ptr<Client> TestRulesResponder::connect(Received **received)
{
    auto client = std::make_unique<Client>();
    m_received.push_back(std::make_unique<Received>(client.get()));
    *received = m_received.back().get();
    client->connectToHost(QStringLiteral("127.0.0.1"), m_server->serverPort());
    return client;
}

void TestRulesResponder::greetingGoesBeforeAnyReply()
{
    Received *received = nullptr;
    auto client = connect(&received);
    client->send(Message::text(QStringLiteral("PING 7"))); // queued: written the moment it connects
    QVERIFY(received->waitFor(2));
    const QString peer = QStringLiteral("127.0.0.1:%1").arg(client->localPort());
    QCOMPARE(received->messages.at(0), Message::text(QStringLiteral("welcome ") + peer, QStringLiteral("hello")));
    QCOMPARE(received->messages.at(1), Message::text(QStringLiteral("PONG 7")));
}

void TestRulesResponder::matchesAndTemplates()
{
    Received *received = nullptr;
    auto client = connect(&received);
    client->send(Message::json(QJsonDocument::fromJson(R"({"user":"alice"})"), QStringLiteral("login"), 5));
    client->send(Message::json(QJsonDocument::fromJson(R"({"user":"bob"})"), QStringLiteral("login"), 6));
    client->send(Message::text(QStringLiteral("quiet please")));
    client->send(Message::text(QStringLiteral("PING 1")));
    QVERIFY(received->waitFor(5));
    QCOMPARE(received->messages.at(1), Message(netcore::MessageType::Json, R"({"ok":true,"user":"alice"})", QStringLiteral("login"), 5));
    // bob is no alice: the catch-all answers, twice; its channel and id default to the message's
    QCOMPARE(received->messages.at(2), Message::text(QStringLiteral("#2 {\"user\":\"bob\"}"), QStringLiteral("login"), 6));
    QCOMPARE(received->messages.at(3).channel(), QStringLiteral("conn"));
    QCOMPARE(received->messages.at(3).payload(), QByteArray("2"));
    QVERIFY(received->messages.at(3).id() > 0);
    // "quiet" matched a rule without a reply: nothing, and the next message is answered as usual
    QCOMPARE(received->messages.at(4), Message::text(QStringLiteral("PONG 1")));
}

void TestRulesResponder::delayHoldsUpNothingElse()
{
    Received *received = nullptr;
    auto client = connect(&received);
    QVERIFY(received->waitFor(1));
    QElapsedTimer timer;
    timer.start();
    client->send(Message::binary(QByteArray::fromHex("010203")));
    client->send(Message::text(QStringLiteral("PING 2")));
    QVERIFY(received->waitFor(2));
    QCOMPARE(received->messages.at(1), Message::text(QStringLiteral("PONG 2"))); // not behind the delayed one
    QVERIFY(received->waitFor(3));
    QVERIFY2(timer.elapsed() >= 200, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(received->messages.at(2), Message::binary(QByteArray::fromHex("0304")));
}

void TestRulesResponder::seqCountsPerConnection()
{
    Received *first = nullptr;
    Received *second = nullptr;
    auto a = connect(&first);
    auto b = connect(&second);
    a->send(Message::text(QStringLiteral("x")));
    b->send(Message::text(QStringLiteral("y")));
    a->send(Message::text(QStringLiteral("z")));
    QVERIFY(first->waitFor(5));
    QVERIFY(second->waitFor(3));
    QCOMPARE(first->messages.at(1).payload(), QByteArray("#1 x"));
    QCOMPARE(first->messages.at(3).payload(), QByteArray("#2 z"));
    QCOMPARE(second->messages.at(1).payload(), QByteArray("#1 y"));
    QVERIFY(first->messages.at(2).id() != second->messages.at(2).id()); // {{conn}}
}

void TestRulesResponder::closeSendsTheReplyFirst()
{
    Received *received = nullptr;
    auto client = connect(&received);
    QSignalSpy disconnected(client.get(), &Client::disconnected);
    client->send(Message::text(QStringLiteral("QUIT")));
    QVERIFY(disconnected.wait(testing::scaled(5000)));
    QCOMPARE(disconnected.first().at(0).value<netcore::DisconnectReason>(), netcore::DisconnectReason::PeerClosed);
    QCOMPARE(received->messages.size(), 2);
    QCOMPARE(received->messages.at(1), Message::text(QStringLiteral("BYE")));
}

void TestRulesResponder::resetSendsTheReplyThenRst()
{
    Received *received = nullptr;
    auto client = connect(&received);
    QSignalSpy disconnected(client.get(), &Client::disconnected);
    client->send(Message::text(QStringLiteral("BOOM")));
    QVERIFY(disconnected.wait(testing::scaled(5000)));
    QCOMPARE(disconnected.first().at(0).value<netcore::DisconnectReason>(), netcore::DisconnectReason::PeerReset);
    QCOMPARE(received->messages.size(), 2);
    QCOMPARE(received->messages.at(1), Message::text(QStringLiteral("going")));
}

void TestRulesResponder::aReplyThatCannotBeMadeIsReported()
{
    QSignalSpy failed(m_host.get(), &ResponderHost::failed);
    Received *received = nullptr;
    auto client = connect(&received);
    client->send(Message::text(QStringLiteral("HEX")));
    client->send(Message::text(QStringLiteral("PING 3")));
    QVERIFY(received->waitFor(2));
    QCOMPARE(received->messages.at(1), Message::text(QStringLiteral("PONG 3")));
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(1).toString(), QStringLiteral("RuleError"));
    QVERIFY2(failed.first().at(2).toString().startsWith(QLatin1String("rules[5]: the hex reply \"HEX\" is not hex")),
             qPrintable(failed.first().at(2).toString()));
    QVERIFY(client->isConnected());
}

void TestRulesResponder::rulesChangeWhileConnectionsStay()
{
    Received *received = nullptr;
    auto client = connect(&received);
    client->send(Message::text(QStringLiteral("PING 1")));
    QVERIFY(received->waitFor(2));
    m_host->setResponder(responderOf(R"({"rules": [{"when": {}, "reply": {"text": "v2 {{seq}} {{peer}}"}}]})"));
    client->send(Message::text(QStringLiteral("PING 2")));
    QVERIFY(received->waitFor(3));
    // the new rules count from the change on: they did not see the connection's first message
    QCOMPARE(received->messages.at(2), Message::text(QStringLiteral("v2 1 127.0.0.1:%1").arg(client->localPort())));
    // none: the message passes unanswered, and the connection stays
    QSignalSpy passedOn(m_server.get(), &netcore::Server::messageReceived);
    m_host->setResponder({});
    client->send(Message::text(QStringLiteral("PING 3")));
    QTRY_COMPARE_WITH_TIMEOUT(passedOn.size(), 1, testing::scaled(5000));
    m_host->setResponder(responderOf(R"({"rules": [{"when": {}, "reply": {"text": "v3 {{text}}"}}]})"));
    client->send(Message::text(QStringLiteral("PING 4")));
    QVERIFY(received->waitFor(4));
    QCOMPARE(received->messages.at(3), Message::text(QStringLiteral("v3 PING 4"))); // nothing came for PING 3
    QCOMPARE(m_server->connectionCount(), 1);
}

QTEST_GUILESS_MAIN(TestRulesResponder)
#include "tst_rulesresponder.moc"
