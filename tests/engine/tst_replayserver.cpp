// wirebench::ReplayServer playing a hand-written recording's server side to a real netcore::Client:
// the greeting, the answers in order, a mismatch reported while the answers still come, the
// server's close; the turns a plan makes of a conversation. The CLI's contract is
// tests/e2e/test_replay_server.py's.
#include <engine/recording/recording.h>
#include <engine/recording/replayplan.h>
#include <engine/recording/replayserver.h>

#include <netcore/client.h>
#include <netcore/message.h>

#include <QtCore/QTemporaryFile>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <tests/timefactor.h>

#include <memory>

using namespace wirebench;

namespace {

const QByteArray header =
    R"({"wirebench":"recording","version":1,"codec":{"codec":"line"},"started":"2026-12-07T14:00:00.000Z"})";

/** One recorded line's message event. */
QByteArray message(qint64 timeUs, int connection, const char *direction, const QByteArray &text)
{
    return QByteArrayLiteral(R"({"t_us":%1,"conn":%2,"event":"message","dir":"%3","type":"text","payload_hex":"%4"})")
        .replace("%1", QByteArray::number(timeUs))
        .replace("%2", QByteArray::number(connection))
        .replace("%3", direction)
        .replace("%4", text.toHex());
}

QByteArray connected(qint64 timeUs, int connection)
{
    return QByteArrayLiteral(R"({"t_us":%1,"conn":%2,"event":"connected","peer":"127.0.0.1:50000"})")
        .replace("%1", QByteArray::number(timeUs))
        .replace("%2", QByteArray::number(connection));
}

QByteArray disconnected(qint64 timeUs, int connection, const char *side)
{
    return QByteArrayLiteral(R"({"t_us":%1,"conn":%2,"event":"disconnected","side":"%3","reason":"PeerClosed"})")
        .replace("%1", QByteArray::number(timeUs))
        .replace("%2", QByteArray::number(connection))
        .replace("%3", side);
}

/** A greeting, two requests with their answers (two, then one), and the server's close. */
QList<QByteArray> greetingTwoRequestsAndClose()
{
    return {connected(0, 1),
            message(1000, 1, "s2c", "hello"),
            message(5000, 1, "c2s", "GET a"),
            message(6000, 1, "s2c", "a=1"),
            message(7500, 1, "s2c", "a done"),
            message(9000, 1, "c2s", "GET b"),
            message(10000, 1, "s2c", "b=2"),
            disconnected(11000, 1, "server")};
}

/** @p events under @p head, written to a file and loaded as the CLI loads it. */
Recording parse(const QList<QByteArray> &events, const QByteArray &head = header)
{
    QTemporaryFile file;
    if (!file.open())
        qFatal("cannot write a test recording: %s", qPrintable(file.errorString()));
    file.write(head + '\n');
    for (const QByteArray &event : events)
        file.write(event + '\n');
    file.close();
    Recording recording;
    QString error;
    if (!Recording::load(file.fileName(), &recording, &error))
        qFatal("bad test recording: %s", qPrintable(error));
    return recording;
}

/** A line-codec client of the replay server, keeping what it got as text. */
struct TestClient
{
    explicit TestClient(quint16 port)
        : client(std::make_unique<netcore::Client>(netcore::CodecConfig::line())),
          messages(client.get(), &netcore::Client::messageReceived),
          ends(client.get(), &netcore::Client::disconnected)
    {
        client->connectToHost(QStringLiteral("127.0.0.1"), port);
    }

    QStringList texts() const
    {
        QStringList result;
        for (const QList<QVariant> &arguments : messages)
            result.append(arguments.at(0).value<netcore::Message>().toText());
        return result;
    }

    void send(const QString &text) { client->send(netcore::Message::text(text)); }

    std::unique_ptr<netcore::Client> client;
    QSignalSpy messages;
    QSignalSpy ends;
};

} // namespace

class TestReplayServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<netcore::Message>();
        qRegisterMetaType<netcore::DisconnectReason>();
        qRegisterMetaType<Difference>();
    }

    void planHasTheGreetingTurnsGapsAndClose()
    {
        const Recording recording = parse(greetingTwoRequestsAndClose());
        const ReplayPlan plan = ReplayPlan::fromConversation(recording.conversations().constFirst(), {});
        QCOMPARE(plan.requestCount(), 2);
        QCOMPARE(plan.turns.size(), 3);
        QVERIFY(!plan.turns[0].request);
        QCOMPARE(plan.turns[0].answers.size(), 1);
        QCOMPARE(plan.turns[0].answers[0].message.toText(), QStringLiteral("hello"));
        QCOMPARE(plan.turns[0].answers[0].gapUs, 1000);
        QCOMPARE(plan.turns[1].request->toText(), QStringLiteral("GET a"));
        QCOMPARE(plan.turns[1].answers.size(), 2);
        QCOMPARE(plan.turns[1].answers[0].gapUs, 1000);
        QCOMPARE(plan.turns[1].answers[1].gapUs, 2500);
        QVERIFY(!plan.turns[1].closeGapUs);
        QCOMPARE(plan.turns[2].request->toText(), QStringLiteral("GET b"));
        QCOMPARE(plan.turns[2].answers[0].message.toText(), QStringLiteral("b=2"));
        QCOMPARE(plan.turns[2].closeGapUs, std::optional<qint64>(2000));
    }

    void planLeavesIgnoredChannelsOutOfTheTurns()
    {
        Conversation conversation;
        const auto add = [&](qint64 timeUs, ProxyDirection direction, const QString &channel, const QString &text) {
            RecordedEvent event;
            event.kind = RecordedEvent::Kind::Message;
            event.timeUs = timeUs;
            event.direction = direction;
            event.message = netcore::Message::text(text, channel);
            conversation.messages.append(event);
        };
        add(10, ProxyDirection::ClientToServer, QStringLiteral("req"), QStringLiteral("one"));
        add(20, ProxyDirection::ClientToServer, QStringLiteral("ping"), QStringLiteral("ping"));
        add(30, ProxyDirection::ServerToClient, QStringLiteral("req"), QStringLiteral("answer"));
        const ReplayPlan plan = ReplayPlan::fromConversation(conversation, {QStringLiteral("ping")});
        QCOMPARE(plan.requestCount(), 1);
        QCOMPARE(plan.turns[1].answers.size(), 1);
        QCOMPARE(plan.turns[1].answers[0].gapUs, 20); // from "one", as if the ping were not there
        QVERIFY(!plan.turns[1].closeGapUs);
    }

    void servesTheGreetingAnswersAMismatchAndTheClose()
    {
        ReplayServer server(parse(greetingTwoRequestsAndClose()), {});
        QSignalSpy connections(&server, &ReplayServer::clientConnected);
        QSignalSpy mismatches(&server, &ReplayServer::mismatched);
        QSignalSpy ends(&server, &ReplayServer::clientDisconnected);
        QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
        QCOMPARE(server.conversationCount(), 1);

        TestClient client(server.serverPort());
        QTRY_COMPARE_WITH_TIMEOUT(client.texts(), QStringList{QStringLiteral("hello")}, testing::scaled(5000));
        QCOMPARE(connections.size(), 1);
        QCOMPARE(connections[0][1].toInt(), 1);

        client.send(QStringLiteral("GET a"));
        QTRY_COMPARE_WITH_TIMEOUT(client.texts().size(), 3, testing::scaled(5000));
        QCOMPARE(client.texts().mid(1), (QStringList{QStringLiteral("a=1"), QStringLiteral("a done")}));
        QVERIFY(mismatches.isEmpty());

        // Not the recorded "GET b": reported, and answered as if it were.
        client.send(QStringLiteral("GET c"));
        QTRY_COMPARE_WITH_TIMEOUT(mismatches.size(), 1, testing::scaled(5000));
        const Difference difference = mismatches[0][1].value<Difference>();
        QCOMPARE(difference.kind, Difference::Kind::Changed);
        QCOMPARE(difference.direction, ProxyDirection::ClientToServer);
        QCOMPARE(difference.number, 2);
        QCOMPARE(difference.conversation, 1);
        QCOMPARE(difference.expected->toText(), QStringLiteral("GET b"));
        QCOMPARE(difference.got->toText(), QStringLiteral("GET c"));
        QCOMPARE(difference.what, QStringLiteral("first difference at byte 4"));
        QTRY_COMPARE_WITH_TIMEOUT(client.ends.size(), 1, testing::scaled(5000));
        QCOMPARE(client.texts(), (QStringList{QStringLiteral("hello"), QStringLiteral("a=1"), QStringLiteral("a done"),
                                              QStringLiteral("b=2")}));
        // The replay closed it, as the recorded server did.
        QCOMPARE(client.ends[0][0].value<netcore::DisconnectReason>(), netcore::DisconnectReason::PeerClosed);
        QTRY_COMPARE_WITH_TIMEOUT(ends.size(), 1, testing::scaled(5000));
        QCOMPARE(ends[0][1].value<netcore::DisconnectReason>(), netcore::DisconnectReason::ClosedLocally);
    }

    void aMessageBeyondTheRecordingIsReportedAndTheConnectionStays()
    {
        ReplayServer server(parse({connected(0, 1), message(100, 1, "c2s", "only"), message(200, 1, "s2c", "ok")}),
                            {});
        QSignalSpy mismatches(&server, &ReplayServer::mismatched);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        TestClient client(server.serverPort());
        client.send(QStringLiteral("only"));
        QTRY_COMPARE_WITH_TIMEOUT(client.texts(), QStringList{QStringLiteral("ok")}, testing::scaled(5000));
        client.send(QStringLiteral("more"));
        QTRY_COMPARE_WITH_TIMEOUT(mismatches.size(), 1, testing::scaled(5000));
        const Difference difference = mismatches[0][1].value<Difference>();
        QCOMPARE(difference.kind, Difference::Kind::Unexpected);
        QCOMPARE(difference.number, 2);
        QCOMPARE(difference.what, QStringLiteral("nothing more recorded"));
        QVERIFY(!difference.expected);
        // Still open: a third message is reported too, over the same connection.
        client.send(QStringLiteral("still"));
        QTRY_COMPARE_WITH_TIMEOUT(mismatches.size(), 2, testing::scaled(5000));
        QCOMPARE(mismatches[1][1].value<Difference>().number, 3);
        QVERIFY(client.ends.isEmpty());
        QCOMPARE(client.client->state(), netcore::Client::State::Connected);
    }

    void answersKeepTheRecordedOrderWhateverTheirGaps()
    {
        // The first answer waits 300 ms, the second none: sent back to back, they still come in order.
        ReplayServer server(parse({connected(0, 1), message(1000, 1, "c2s", "slow"),
                                   message(301000, 1, "s2c", "slow answer"), message(302000, 1, "c2s", "fast"),
                                   message(302000, 1, "s2c", "fast answer")}),
                            {});
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        TestClient client(server.serverPort());
        QVERIFY(client.client->waitForConnected(testing::scaled(5000)));
        client.send(QStringLiteral("slow"));
        client.send(QStringLiteral("fast"));
        QTRY_COMPARE_WITH_TIMEOUT(client.texts().size(), 2, testing::scaled(5000));
        QCOMPARE(client.texts(), (QStringList{QStringLiteral("slow answer"), QStringLiteral("fast answer")}));
    }

    void clientsTakeTheConversationsInTurnThenTheFirstAgain()
    {
        ReplayServer server(parse({connected(0, 1), message(10, 1, "s2c", "first"), connected(20, 2),
                                   message(30, 2, "s2c", "second")}),
                            {0, {}, {}});
        QSignalSpy connections(&server, &ReplayServer::clientConnected);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QCOMPARE(server.conversationCount(), 2);
        QStringList greetings;
        for (int i = 0; i < 3; ++i) {
            TestClient client(server.serverPort());
            QTRY_COMPARE_WITH_TIMEOUT(client.messages.size(), 1, testing::scaled(5000));
            greetings += client.texts();
        }
        QCOMPARE(greetings, (QStringList{QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("first")}));
        QCOMPARE(connections.size(), 3);
        QCOMPARE(connections[2][1].toInt(), 1);
    }

    void ignoredPointersAndChannelsAreNotMismatches()
    {
        const QByteArray json = QByteArrayLiteral(
            R"({"t_us":100,"conn":1,"event":"message","dir":"c2s","channel":"req","type":"json","payload_hex":"%1"})")
                                    .replace("%1", QByteArray(R"({"user":"alice","ts":1})").toHex());
        const QByteArray answer = QByteArrayLiteral(
            R"({"t_us":200,"conn":1,"event":"message","dir":"s2c","channel":"req","type":"text","payload_hex":"%1"})")
                                      .replace("%1", QByteArray("ok").toHex());
        QByteArray envelopeHeader = header;
        envelopeHeader.replace(R"({"codec":"line"})", R"({"codec":"envelope"})");
        ReplayServer server(parse({connected(0, 1), json, answer}, envelopeHeader),
                            {0, {QStringLiteral("/ts")}, {QStringLiteral("ping")}});
        QSignalSpy mismatches(&server, &ReplayServer::mismatched);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        netcore::Client client;
        QSignalSpy messages(&client, &netcore::Client::messageReceived);
        client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
        client.send(netcore::Message::text(QStringLiteral("ping"), QStringLiteral("ping")));
        client.send(netcore::Message(netcore::MessageType::Json, R"({"user":"alice","ts":2})", QStringLiteral("req")));
        QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 1, testing::scaled(5000));
        QCOMPARE(messages[0][0].value<netcore::Message>().toText(), QStringLiteral("ok"));
        QVERIFY(mismatches.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReplayServer)
#include "tst_replayserver.moc"
