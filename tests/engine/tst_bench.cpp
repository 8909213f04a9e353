#include <tests/engine/benchtap.h>
#include <tests/timefactor.h>

#include <engine/bench.h>

#include <netcore/server.h>

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace wirebench;
using namespace benchtest;

class tst_Bench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void echoLogsFourEntriesWithEndpoints();
    void broadcastReachesEveryClient();
    void sendsToSelectedConnectionsOnly();
    void relaySkipsTheSender();
    void channelStatsAreCumulative();
    void largePayloadIsKeptWholeInTheLog();
    void pacedSenderSendsExactlyN();
    void stopLoadEndsTheRun();
    void pendingEntryLimitDropsTheOldest();
};

void tst_Bench::echoLogsFourEntriesWithEndpoints()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, serverSpec(ServerMode::Echo), 3, &server, &clients));
    QCOMPARE(tap.client(clients.at(0)).name, QStringLiteral("client 1"));
    const QString serverSide = tap.endpointOf(server, clients.at(0));
    QVERIFY(serverSide.startsWith(QLatin1String("server 1 #")));

    const netcore::Message message = chat(QStringLiteral("hello"));
    bench.send({SendTarget::Kind::Clients, {clients.at(0)}, 0, {}}, message);
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.count(QStringLiteral("client 1"), Direction::In) == 1, timeout);

    const LogEntry clientOut = tap.entriesAt(QStringLiteral("client 1"), Direction::Out).value(0);
    const LogEntry serverIn = tap.entriesAt(serverSide, Direction::In).value(0);
    const LogEntry serverOut = tap.entriesAt(serverSide, Direction::Out).value(0);
    const LogEntry clientIn = tap.entriesAt(QStringLiteral("client 1"), Direction::In).value(0);
    QCOMPARE(tap.entries.size(), 4);
    for (const LogEntry &entry : {clientOut, serverIn, serverOut, clientIn}) {
        QCOMPARE(entry.message, message);
        QCOMPARE(entry.message.channel(), QStringLiteral("chat"));
        QCOMPARE(entry.message.type(), netcore::MessageType::Json);
        QCOMPARE(entry.size, qint64(message.payload().size()));
        QVERIFY(entry.time.isValid());
    }
    QCOMPARE(clientOut.clientId, clients.at(0));
    QCOMPARE(clientOut.serverId, 0);
    QCOMPARE(serverIn.serverId, server);
    QCOMPARE(serverIn.connection, tap.connectionOf(server, clients.at(0)));
    QCOMPARE(serverIn.clientId, 0);
    QVERIFY(clientOut.sequence < serverIn.sequence);
    QVERIFY(serverIn.sequence < serverOut.sequence);
    QVERIFY(serverOut.sequence < clientIn.sequence);
}

void tst_Bench::broadcastReachesEveryClient()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, serverSpec(ServerMode::Silent), 3, &server, &clients));

    bench.send({SendTarget::Kind::Broadcast, {}, server, {}}, chat(QStringLiteral("to all")));
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.count(QStringLiteral("client 1"), Direction::In) == 1
                                 && tap.count(QStringLiteral("client 2"), Direction::In) == 1
                                 && tap.count(QStringLiteral("client 3"), Direction::In) == 1,
                             timeout);
    // One Out row per recipient, named after its connection.
    for (int client : clients)
        QCOMPARE(tap.count(tap.endpointOf(server, client), Direction::Out), 1);
}

void tst_Bench::sendsToSelectedConnectionsOnly()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, serverSpec(ServerMode::Silent), 3, &server, &clients));

    const QList<quint64> selected = {tap.connectionOf(server, clients.at(0)), tap.connectionOf(server, clients.at(2))};
    bench.send({SendTarget::Kind::Connections, {}, server, selected}, chat(QStringLiteral("some")));
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.count(QStringLiteral("client 1"), Direction::In) == 1
                                 && tap.count(QStringLiteral("client 3"), Direction::In) == 1,
                             timeout);
    // Client 2 was not selected: a later broadcast reaches it first (one connection keeps its order).
    bench.send({SendTarget::Kind::Broadcast, {}, server, {}}, chat(QStringLiteral("all"), 8));
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.count(QStringLiteral("client 2"), Direction::In) == 1, timeout);
    QCOMPARE(tap.entriesAt(QStringLiteral("client 2"), Direction::In).at(0).message.id(), 8u);
}

void tst_Bench::relaySkipsTheSender()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, serverSpec(ServerMode::Relay), 3, &server, &clients));

    bench.send({SendTarget::Kind::Clients, {clients.at(0)}, 0, {}}, chat(QStringLiteral("first"), 1));
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.count(QStringLiteral("client 2"), Direction::In) == 1
                                 && tap.count(QStringLiteral("client 3"), Direction::In) == 1,
                             timeout);
    QCOMPARE(tap.count(tap.endpointOf(server, clients.at(1)), Direction::Out), 1);
    QCOMPARE(tap.count(tap.endpointOf(server, clients.at(0)), Direction::Out), 0);

    bench.send({SendTarget::Kind::Clients, {clients.at(1)}, 0, {}}, chat(QStringLiteral("second"), 2));
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.count(QStringLiteral("client 1"), Direction::In) == 1, timeout);
    // Had the first message come back to its sender, it would have arrived before the second.
    QCOMPARE(tap.entriesAt(QStringLiteral("client 1"), Direction::In).at(0).message.id(), 2u);
}

void tst_Bench::channelStatsAreCumulative()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, serverSpec(ServerMode::Silent), 1, &server, &clients));

    const SendTarget fromClient{SendTarget::Kind::Clients, clients, 0, {}};
    for (int i = 1; i <= 5; ++i)
        bench.send(fromClient, netcore::Message::text(QStringLiteral("ab%1").arg(i), QStringLiteral("a")));
    bench.send(fromClient, netcore::Message::binary("xy", QStringLiteral("b")));
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.channels.value(QStringLiteral("b")).messagesIn == 1
                                 && tap.channels.value(QStringLiteral("a")).messagesIn == 5,
                             timeout);
    const ChannelStats a = tap.channels.value(QStringLiteral("a"));
    QCOMPARE(a.channel, QStringLiteral("a"));
    QCOMPARE(a.messagesOut, 5u); // at the client
    QCOMPARE(a.bytesOut, 15u);
    QCOMPARE(a.bytesIn, 15u);    // at the server
    QCOMPARE(a.latest.toText(), QStringLiteral("ab5"));
    QVERIFY(a.latestTime.isValid());
    QCOMPARE(tap.channels.value(QStringLiteral("b")).bytesIn, 2u);
}

void tst_Bench::largePayloadIsKeptWholeInTheLog()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, serverSpec(ServerMode::Silent), 1, &server, &clients));

    const QByteArray big(100000, 'x');
    bench.send({SendTarget::Kind::Clients, clients, 0, {}}, netcore::Message::binary(big));
    const QString serverSide = tap.endpointOf(server, clients.at(0));
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.count(serverSide, Direction::In) == 1, timeout);
    const LogEntry entry = tap.entriesAt(serverSide, Direction::In).at(0);
    QCOMPARE(entry.size, qint64(big.size()));
    QCOMPARE(entry.message.payload(), big); // whole, for the inspector
    QCOMPARE(tap.channels.value(QString()).bytesIn, quint64(big.size()));
    QCOMPARE(tap.channels.value(QString()).latest.payload().size(), LogEntry::payloadKeepLimit);
}

void tst_Bench::pacedSenderSendsExactlyN()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, serverSpec(ServerMode::Silent), 1, &server, &clients));

    // 500 at 1000/s lasts at least half a second: long enough to be seen running.
    bench.startLoad({SendTarget::Kind::Clients, clients, 0, {}},
                    netcore::Message::text(QStringLiteral("load"), QStringLiteral("load")), 500, 1000);
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.load.running, timeout);
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && !tap.load.running, timeout);
    QCOMPARE(tap.load.messages.sent, 500);
    QCOMPARE(tap.load.total, 500);
    QCOMPARE(tap.load.messages.refused, 0);
    qint64 previous = 0;
    for (const LoadProgress &progress : std::as_const(tap.loads)) {
        QVERIFY(progress.messages.sent >= previous);
        QVERIFY(progress.messages.sent <= 500);
        previous = progress.messages.sent;
    }
    const QString serverSide = tap.endpointOf(server, clients.at(0));
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.count(serverSide, Direction::In) == 500, timeout);
    QCOMPARE(tap.count(QStringLiteral("client 1"), Direction::Out), 500);
    QTRY_COMPARE_WITH_TIMEOUT((tap.poll(), tap.server(server).connections.at(0).messagesIn), 500u, timeout);

    // The rate asked for, measured on the sends: never faster (499 intervals of 1 ms, less 5 % of
    // clock granularity), and not starved either (a slow machine may stretch it, three times at most).
    const QList<LogEntry> sends = tap.entriesAt(QStringLiteral("client 1"), Direction::Out);
    const qint64 spanMs = sends.constFirst().time.msecsTo(sends.constLast().time);
    QVERIFY2(spanMs >= 474, qPrintable(QString::number(spanMs)));
    QVERIFY2(spanMs <= testing::scaled(1500), qPrintable(QString::number(spanMs)));
}

void tst_Bench::stopLoadEndsTheRun()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, serverSpec(ServerMode::Silent), 1, &server, &clients));

    bench.startLoad({SendTarget::Kind::Clients, clients, 0, {}}, netcore::Message::text(QStringLiteral("x")),
                    1000000, 200);
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.load.running && tap.load.messages.sent > 0, timeout);
    bench.stopLoad();
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && !tap.load.running, timeout);
    QVERIFY(tap.load.messages.sent < tap.load.total);
    QCOMPARE(tap.load.total, 1000000);
}

void tst_Bench::pendingEntryLimitDropsTheOldest()
{
    // The peer is a plain server of the test's own: it says when all was sent, without taking a batch.
    netcore::Server peer;
    QSignalSpy received(&peer, &netcore::Server::messageReceived);
    QVERIFY(peer.listen());
    Bench bench;
    BenchTap tap(bench);
    ClientSpec spec;
    spec.port = peer.serverPort();
    const QList<int> client = bench.spawnClients(spec, 1);
    QVERIFY(tap.waitFor([&] { return tap.client(client.at(0)).state == QLatin1String("connected"); }));
    tap.entries.clear();

    bench.setPendingEntryLimit(10);
    for (quint32 id = 1; id <= 200; ++id)
        bench.send({SendTarget::Kind::Clients, client, 0, {}}, netcore::Message::text(QStringLiteral("m"), {}, id));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 200, timeout);

    const TrafficBatch batch = bench.takeBatch();
    QCOMPARE(batch.entries.size(), 10);
    QCOMPARE(batch.droppedEntries, 190u);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(batch.entries.at(i).message.id(), quint32(191 + i));
    QCOMPARE(bench.takeBatch().droppedEntries, 0u);
}

QTEST_GUILESS_MAIN(tst_Bench)
#include "tst_bench.moc"
