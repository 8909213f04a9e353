#include <engine/bench.h>
#include <engine/benchpoller.h>

#include <netcore/client.h>

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using namespace wirebench;

/** The one consumer of a bench's batches for a front end: what it takes, when, and what it counts. */
class TestBenchPoller : public QObject
{
    Q_OBJECT

private slots:
    void pollNowHandsOnOneBatch();
    void timerPollsUntilStopped();
    void countsWhatTheBenchDropped();
    void benchGoneTakesNothing();

private:
    static constexpr int timeout = 10000;
    /** Polls until the server of @p bench with @p id listens; its port. */
    static quint16 waitForListening(BenchPoller &poller, QSignalSpy &spy, int id);
};

quint16 TestBenchPoller::waitForListening(BenchPoller &poller, QSignalSpy &spy, int id)
{
    quint16 port = 0;
    const bool listening = QTest::qWaitFor([&] {
        poller.pollNow();
        const auto batch = spy.last().at(0).value<TrafficBatch>();
        for (const ServerState &server : batch.servers) {
            if (server.id == id && server.listening)
                port = server.boundPort;
        }
        return port != 0;
    }, timeout);
    return listening ? port : 0;
}

void TestBenchPoller::pollNowHandsOnOneBatch()
{
    Bench bench;
    BenchPoller poller(&bench);
    QSignalSpy taken(&poller, &BenchPoller::batchTaken);
    ServerSpec spec;
    spec.name = QStringLiteral("polled");
    const int id = bench.addServer(spec);
    QVERIFY(waitForListening(poller, taken, id) != 0);
    const auto batch = taken.last().at(0).value<TrafficBatch>();
    QCOMPARE(batch.servers.size(), 1);
    QCOMPARE(batch.servers.first().spec.name, QStringLiteral("polled"));
    QVERIFY(!poller.isRunning()); // pollNow() alone starts no timer
}

void TestBenchPoller::timerPollsUntilStopped()
{
    Bench bench;
    BenchPoller poller(&bench);
    QSignalSpy taken(&poller, &BenchPoller::batchTaken);
    poller.start(200);
    QVERIFY(poller.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(taken.size() >= 3, timeout);
    poller.stop();
    QVERIFY(!poller.isRunning());
    // Nothing to wait for once stopped: ten of its 5 ms ticks pass without a batch.
    const qsizetype stoppedAt = taken.size();
    QTest::qWait(50);
    QCOMPARE(taken.size(), stoppedAt);
}

void TestBenchPoller::countsWhatTheBenchDropped()
{
    Bench bench;
    bench.setPendingEntryLimit(1);
    BenchPoller poller(&bench);
    QSignalSpy taken(&poller, &BenchPoller::batchTaken);
    ServerSpec spec;
    spec.mode = ServerMode::Echo;
    const quint16 port = waitForListening(poller, taken, bench.addServer(spec));
    QVERIFY(port != 0);

    // A client outside the bench: its echoes prove the server logged, without taking a batch.
    netcore::Client client;
    QSignalSpy echoed(&client, &netcore::Client::messageReceived);
    client.connectToHost(QStringLiteral("127.0.0.1"), port);
    for (int i = 0; i < 5; ++i)
        client.send(netcore::Message::text(QStringLiteral("m%1").arg(i)));
    QTRY_COMPARE_WITH_TIMEOUT(echoed.size(), 5, timeout);

    // 5 in and 5 out at the server, of which the bench keeps one at a time.
    qsizetype seen = 0;
    quint64 droppedInBatches = 0;
    QVERIFY(QTest::qWaitFor([&] {
        poller.pollNow();
        const auto batch = taken.last().at(0).value<TrafficBatch>();
        seen += batch.entries.size();
        droppedInBatches += batch.droppedEntries;
        return seen + qsizetype(poller.droppedEntries()) == 10;
    }, timeout));
    QVERIFY2(poller.droppedEntries() >= 8, qPrintable(QString::number(poller.droppedEntries())));
    QCOMPARE(poller.droppedEntries(), droppedInBatches);
}

void TestBenchPoller::benchGoneTakesNothing()
{
    auto bench = std::make_unique<Bench>();
    BenchPoller poller(bench.get());
    QSignalSpy taken(&poller, &BenchPoller::batchTaken);
    poller.pollNow();
    QCOMPARE(taken.size(), 1);
    bench.reset();
    poller.pollNow();
    QCOMPARE(taken.size(), 1);
}

QTEST_GUILESS_MAIN(TestBenchPoller)
#include "tst_benchpoller.moc"
