#include <tests/engine/benchtap.h>

#include <engine/bench.h>
#include <engine/liverecording.h>
#include <engine/recording/recording.h>

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <algorithm>

using namespace wirebench;

/**
 * The Record switches of the bench, end to end: a hosted echo server, a
 * group of clients and a proxy record what they see; the files are read
 * back with Recording::load and their events checked (how many, which way,
 * the payload bytes), with the events the user sees about them.
 */
class tst_BenchRecording : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void serverRecordsItsConversations();
    void rulesServerRecordsEachReplyAfterItsRequest();
    void clientGroupRecordsOneConversationEach();
    void proxyRecordsBothDirections();
    void removingAServerFinishesItsRecording();
    void aFileThatCannotBeWrittenIsAnError();
    void clientsOfTwoCodecsAreRefused();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
};

namespace {

/** The events of @p recording of @p kind, going @p direction when it is a message. */
QList<RecordedEvent> eventsOf(const Recording &recording, RecordedEvent::Kind kind,
                              std::optional<ProxyDirection> direction = std::nullopt)
{
    QList<RecordedEvent> found;
    for (const RecordedEvent &event : recording.events()) {
        if (event.kind == kind && (!direction || event.direction == direction))
            found.append(event);
    }
    return found;
}

QList<QByteArray> payloadsOf(const QList<RecordedEvent> &events)
{
    QList<QByteArray> payloads;
    for (const RecordedEvent &event : events)
        payloads.append(event.message.payload());
    return payloads;
}

/** Loads @p file once the bench said it saved it. */
bool loadSaved(BenchTap &tap, const QString &file, Recording *recording)
{
    if (!tap.waitFor([&] { return tap.hasEvent(EventKind::Info, {}, QStringLiteral("recording saved: %1").arg(file)); }))
        return false;
    QString error;
    if (!Recording::load(file, recording, &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return true;
}

void sendFrom(Bench &bench, const QList<int> &clientIds, const netcore::Message &message)
{
    SendTarget target;
    target.clientIds = clientIds;
    bench.send(target, message);
}

int countIn(const BenchTap &tap, int clientId, Direction direction)
{
    return tap.count(tap.client(clientId).name, direction);
}

} // namespace

void tst_BenchRecording::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_BenchRecording::serverRecordsItsConversations()
{
    Bench bench;
    BenchTap tap(bench);
    int serverId = 0;
    QList<int> clients;
    QVERIFY(benchtest::setUp(tap, benchtest::serverSpec(ServerMode::Echo), 2, &serverId, &clients));

    const QString file = path(QStringLiteral("server.jsonl"));
    bench.recordServer(serverId, file);
    QVERIFY(tap.waitFor([&] { return tap.server(serverId).recordingFile == file; }));
    QVERIFY(tap.hasEvent(EventKind::Info, QStringLiteral("server 1"), QStringLiteral("recording to")));

    for (int n = 1; n <= 3; ++n)
        sendFrom(bench, clients, benchtest::chat(QStringLiteral("m%1").arg(n)));
    QVERIFY(tap.waitFor([&] { return countIn(tap, clients[0], Direction::In) == 3 && countIn(tap, clients[1], Direction::In) == 3; }));
    const quint64 leaving = tap.connectionOf(serverId, clients[1]);
    bench.disconnectClient(clients[1]);
    QVERIFY(tap.waitFor([&] { return tap.server(serverId).connections.size() == 1; }));

    bench.recordServer(serverId, QString());
    QVERIFY(tap.waitFor([&] { return tap.server(serverId).recordingFile.isEmpty(); }));
    Recording recording;
    QVERIFY(loadSaved(tap, file, &recording));

    QCOMPARE(recording.header().recorder, QStringLiteral("app"));
    QCOMPARE(recording.header().codec, tap.server(serverId).spec.codec);
    // The two connections open when it started are conversations, as if they had just connected.
    QCOMPARE(eventsOf(recording, RecordedEvent::Kind::Connected).size(), 2);
    const QList<RecordedEvent> received = eventsOf(recording, RecordedEvent::Kind::Message, ProxyDirection::ClientToServer);
    const QList<RecordedEvent> echoed = eventsOf(recording, RecordedEvent::Kind::Message, ProxyDirection::ServerToClient);
    QCOMPARE(received.size(), 6);
    QCOMPARE(echoed.size(), 6);
    QCOMPARE(payloadsOf(echoed), payloadsOf(received));
    QCOMPARE(received.constFirst().message, benchtest::chat(QStringLiteral("m1")));
    const QList<RecordedEvent> ends = eventsOf(recording, RecordedEvent::Kind::Disconnected);
    QCOMPARE(ends.size(), 1);
    QCOMPARE(ends.constFirst().connection, leaving);
    QCOMPARE(ends.constFirst().side, QStringLiteral("client"));

    const QList<Conversation> conversations = recording.conversations();
    QCOMPARE(conversations.size(), 2);
    for (const Conversation &conversation : conversations) {
        QCOMPARE(conversation.messagesOf(ProxyDirection::ClientToServer).size(), 3);
        QCOMPARE(conversation.messagesOf(ProxyDirection::ServerToClient).size(), 3);
        QVERIFY(conversation.peer.startsWith(QLatin1String("127.0.0.1:")));
    }

    // After the switch is off, nothing more is written.
    sendFrom(bench, {clients[0]}, benchtest::chat(QStringLiteral("after")));
    QVERIFY(tap.waitFor([&] { return countIn(tap, clients[0], Direction::In) == 4; }));
    Recording again;
    QString error;
    QVERIFY2(Recording::load(file, &again, &error), qPrintable(error));
    QCOMPARE(again.events().size(), recording.events().size());
}

void tst_BenchRecording::rulesServerRecordsEachReplyAfterItsRequest()
{
    Bench bench;
    BenchTap tap(bench);
    ServerSpec spec = benchtest::serverSpec(ServerMode::Rules);
    spec.rules = QJsonDocument::fromJson(R"({"rules": [{"when": {}, "reply": {"text": "#{{seq}} {{text}}"}}]})").object();
    int serverId = 0;
    QList<int> clients;
    QVERIFY(benchtest::setUp(tap, spec, 2, &serverId, &clients));
    const QString file = path(QStringLiteral("rules.jsonl"));
    bench.recordServer(serverId, file);
    QVERIFY(tap.waitFor([&] { return tap.server(serverId).recordingFile == file; }));

    for (int n = 1; n <= 20; ++n)
        sendFrom(bench, clients, netcore::Message::text(QStringLiteral("m%1").arg(n)));
    QVERIFY(tap.waitFor([&] { return countIn(tap, clients[0], Direction::In) == 20 && countIn(tap, clients[1], Direction::In) == 20; }));
    bench.recordServer(serverId, QString());
    Recording recording;
    QVERIFY(loadSaved(tap, file, &recording));

    // Recorded where they happen: each conversation goes request, its reply, request, its reply...
    const QList<Conversation> conversations = recording.conversations();
    QCOMPARE(conversations.size(), 2);
    for (const Conversation &conversation : conversations) {
        QCOMPARE(conversation.messages.size(), 40);
        for (int i = 0; i < 40; i += 2) {
            const QByteArray request = QStringLiteral("m%1").arg(i / 2 + 1).toUtf8();
            QCOMPARE(conversation.messages[i].direction, ProxyDirection::ClientToServer);
            QCOMPARE(conversation.messages[i].message.payload(), request);
            QCOMPARE(conversation.messages[i + 1].direction, ProxyDirection::ServerToClient);
            QVERIFY(conversation.messages[i + 1].message.payload().endsWith(" " + request));
        }
    }
}

void tst_BenchRecording::clientGroupRecordsOneConversationEach()
{
    Bench bench;
    BenchTap tap(bench);
    int serverId = 0;
    QList<int> clients;
    QVERIFY(benchtest::setUp(tap, benchtest::serverSpec(ServerMode::Echo), 3, &serverId, &clients));
    const QList<int> group{clients[0], clients[1]};

    const QString file = path(QStringLiteral("clients.jsonl"));
    bench.recordClients(group, file);
    QVERIFY(tap.waitFor([&] { return tap.client(group[0]).recordingFile == file && tap.client(group[1]).recordingFile == file; }));
    QVERIFY(tap.client(clients[2]).recordingFile.isEmpty());

    sendFrom(bench, clients, netcore::Message::text(QStringLiteral("ping"), QStringLiteral("t")));
    sendFrom(bench, {group[0]}, netcore::Message::binary(QByteArray("\x00\x01\xff", 3), QStringLiteral("b")));
    QVERIFY(tap.waitFor([&] {
        return countIn(tap, group[0], Direction::In) == 2 && countIn(tap, group[1], Direction::In) == 1
            && countIn(tap, clients[2], Direction::In) == 1;
    }));

    bench.recordClients({group[1]}, QString()); // one of the group switched off: the file ends for both
    QVERIFY(tap.waitFor([&] { return tap.client(group[0]).recordingFile.isEmpty() && tap.client(group[1]).recordingFile.isEmpty(); }));
    Recording recording;
    QVERIFY(loadSaved(tap, file, &recording));

    const QList<Conversation> conversations = recording.conversations();
    QCOMPARE(conversations.size(), 2);
    QCOMPARE(conversations[0].connection, quint64(group[0]));
    QCOMPARE(conversations[1].connection, quint64(group[1]));
    const QList<netcore::Message> sent = conversations[0].messagesOf(ProxyDirection::ClientToServer);
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent[0].payload(), QByteArray("ping"));
    QCOMPARE(sent[1].payload(), QByteArray("\x00\x01\xff", 3));
    QCOMPARE(conversations[0].messagesOf(ProxyDirection::ServerToClient), sent);
    QCOMPARE(conversations[1].messagesOf(ProxyDirection::ClientToServer).size(), 1);
    QCOMPARE(conversations[1].messagesOf(ProxyDirection::ServerToClient).size(), 1);
    QCOMPARE(eventsOf(recording, RecordedEvent::Kind::Message).size(), 6);
}

void tst_BenchRecording::proxyRecordsBothDirections()
{
    Bench bench;
    BenchTap tap(bench);
    const int serverId = bench.addServer(benchtest::serverSpec(ServerMode::Echo));
    QVERIFY(tap.waitFor([&] { return tap.server(serverId).listening; }));
    ProxySpec spec;
    spec.name = QStringLiteral("front");
    spec.upstreamPort = tap.server(serverId).boundPort;
    const int proxyId = bench.addProxy(spec);
    QVERIFY(tap.waitFor([&] { return tap.proxy(proxyId).listening; }));

    const QString file = path(QStringLiteral("proxy.jsonl"));
    bench.recordProxy(proxyId, file);
    QVERIFY(tap.waitFor([&] { return tap.proxy(proxyId).recordingFile == file; }));

    ClientSpec client;
    client.port = tap.proxy(proxyId).boundPort;
    const int clientId = bench.spawnClients(client, 1).constFirst();
    QVERIFY(tap.waitFor([&] { return tap.client(clientId).state == QLatin1String("connected"); }));
    for (int n = 1; n <= 3; ++n)
        sendFrom(bench, {clientId}, benchtest::chat(QStringLiteral("via %1").arg(n)));
    QVERIFY(tap.waitFor([&] { return countIn(tap, clientId, Direction::In) == 3; }));
    bench.disconnectClient(clientId);
    QVERIFY(tap.waitFor([&] { return tap.proxy(proxyId).connections.isEmpty(); }));

    bench.stopProxy(proxyId); // stopping ends the recording
    Recording recording;
    QVERIFY(loadSaved(tap, file, &recording));
    QVERIFY(tap.proxy(proxyId).recordingFile.isEmpty());

    const QList<RecordedEvent> c2s = eventsOf(recording, RecordedEvent::Kind::Message, ProxyDirection::ClientToServer);
    const QList<RecordedEvent> s2c = eventsOf(recording, RecordedEvent::Kind::Message, ProxyDirection::ServerToClient);
    QCOMPARE(c2s.size(), 3);
    QCOMPARE(s2c.size(), 3);
    QCOMPARE(c2s[2].message, benchtest::chat(QStringLiteral("via 3")));
    QCOMPARE(payloadsOf(s2c), payloadsOf(c2s));
    QCOMPARE(eventsOf(recording, RecordedEvent::Kind::Connected).size(), 1);
    const QList<RecordedEvent> ends = eventsOf(recording, RecordedEvent::Kind::Disconnected);
    QCOMPARE(ends.size(), 1);
    QCOMPARE(ends.constFirst().side, QStringLiteral("client"));
}

void tst_BenchRecording::removingAServerFinishesItsRecording()
{
    Bench bench;
    BenchTap tap(bench);
    int serverId = 0;
    QList<int> clients;
    QVERIFY(benchtest::setUp(tap, benchtest::serverSpec(ServerMode::Echo), 1, &serverId, &clients));
    const QString file = path(QStringLiteral("removed.jsonl"));
    bench.recordServer(serverId, file);
    QVERIFY(tap.waitFor([&] { return tap.server(serverId).recordingFile == file; }));
    sendFrom(bench, clients, benchtest::chat(QStringLiteral("last words")));
    QVERIFY(tap.waitFor([&] { return countIn(tap, clients[0], Direction::In) == 1; }));

    bench.removeServer(serverId);
    Recording recording;
    QVERIFY(loadSaved(tap, file, &recording));
    QCOMPARE(eventsOf(recording, RecordedEvent::Kind::Message).size(), 2);
}

void tst_BenchRecording::aFileThatCannotBeWrittenIsAnError()
{
    Bench bench;
    BenchTap tap(bench);
    const int serverId = bench.addServer(benchtest::serverSpec(ServerMode::Echo));
    QVERIFY(tap.waitFor([&] { return tap.server(serverId).listening; }));
    bench.recordServer(serverId, path(QStringLiteral("no/such/dir/x.jsonl")));
    QVERIFY(tap.waitFor([&] { return tap.hasEvent(EventKind::Error, QStringLiteral("server 1"), QStringLiteral("cannot record")); }));
    QVERIFY(tap.server(serverId).recordingFile.isEmpty());

    // A stopped server has nothing to record: it says so instead of arming a file.
    bench.stopServer(serverId);
    bench.recordServer(serverId, path(QStringLiteral("stopped.jsonl")));
    QVERIFY(tap.waitFor([&] { return tap.hasEvent(EventKind::Error, QStringLiteral("server 1"), QStringLiteral("not listening")); }));
    QVERIFY(!QFile::exists(path(QStringLiteral("stopped.jsonl"))));
}

void tst_BenchRecording::clientsOfTwoCodecsAreRefused()
{
    Bench bench;
    BenchTap tap(bench);
    ClientSpec envelope;
    envelope.port = 1; // nobody listens there: they need not connect to be recorded
    envelope.autoReconnect = false;
    ClientSpec line = envelope;
    line.codec.kind = netcore::CodecConfig::Kind::Line;
    const int a = bench.spawnClients(envelope, 1).constFirst();
    const int b = bench.spawnClients(line, 1).constFirst();
    bench.recordClients({a, b}, path(QStringLiteral("mixed.jsonl")));
    QVERIFY(tap.waitFor([&] { return tap.hasEvent(EventKind::Error, {}, QStringLiteral("one codec")); }));
    QVERIFY(tap.client(a).recordingFile.isEmpty());
    QVERIFY(!QFile::exists(path(QStringLiteral("mixed.jsonl"))));
}

QTEST_GUILESS_MAIN(tst_BenchRecording)
#include "tst_benchrecording.moc"
