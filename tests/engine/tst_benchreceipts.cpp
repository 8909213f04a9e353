#include <tests/engine/benchtap.h>

#include <engine/bench.h>

#include <QtCore/QTimer>
#include <QtTest/QTest>

#include <algorithm>
#include <numeric>

using namespace wirebench;
using namespace benchtest;

/*
 * Delivery receipts as the bench applies them from the specs: a hosted
 * server restarted under a client that keeps sending delivers every message
 * once, and settings that cannot work stop the server or the client with an
 * error event instead of running without receipts.
 */
class tst_BenchReceipts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serverRestartLosesAndDoublesNothing_data();
    void serverRestartLosesAndDoublesNothing();
    void serverWithoutEnvelopeDoesNotStart();
    void clientWithoutEnvelopeDoesNotConnect();

private:
    /** The ids of the messages server @p serverId received, in the order it logged them. */
    static QList<quint32> receivedIds(const BenchTap &tap, int serverId);
    /** The code of the first error event at @p endpoint; NoError if there is none. */
    static netcore::ErrorCode firstErrorAt(const BenchTap &tap, const QString &endpoint);
};

QList<quint32> tst_BenchReceipts::receivedIds(const BenchTap &tap, int serverId)
{
    QList<quint32> ids;
    for (const LogEntry &entry : tap.entries) {
        if (entry.serverId == serverId && entry.direction == Direction::In)
            ids.append(entry.message.id());
    }
    return ids;
}

netcore::ErrorCode tst_BenchReceipts::firstErrorAt(const BenchTap &tap, const QString &endpoint)
{
    const auto error = std::find_if(tap.events.cbegin(), tap.events.cend(), [&](const BenchEvent &event) {
        return event.kind == EventKind::Error && event.endpoint == endpoint;
    });
    return error != tap.events.cend() ? error->code : netcore::ErrorCode::NoError;
}

void tst_BenchReceipts::serverRestartLosesAndDoublesNothing_data()
{
    QTest::addColumn<int>("workers");
    // In the bench's own thread, the connection cannot read what the client writes behind the
    // stop, so those messages are cut off and come again; with an I/O thread, it depends on timing.
    QTest::newRow("connections in the bench thread") << 0;
    QTest::newRow("one I/O thread") << 1;
}

void tst_BenchReceipts::serverRestartLosesAndDoublesNothing()
{
    QFETCH(int, workers);
    Bench bench;
    BenchTap tap(bench);
    ServerSpec hosted;
    hosted.receipts = true;
    hosted.workers = workers;
    const int server = bench.addServer(hosted);
    QVERIFY(tap.waitFor([&] { return tap.server(server).listening; }));
    const quint16 port = tap.server(server).boundPort;
    ClientSpec spawned;
    spawned.port = port;
    spawned.receipts = true;
    const QList<int> clients = bench.spawnClients(spawned, 1);
    QVERIFY(tap.waitFor([&] { return tap.connected(clients, server); }));

    // The client keeps sending numbered messages through the restart: ten every couple of
    // milliseconds, and a burst right behind the stop.
    quint32 sent = 0;
    QTimer sender;
    sender.setInterval(2);
    const auto sendBurst = [&] {
        for (int i = 0; i < 10; ++i)
            bench.send({SendTarget::Kind::Clients, clients, 0, {}}, chat(QStringLiteral("counted"), ++sent));
    };
    connect(&sender, &QTimer::timeout, this, sendBurst);
    sender.start();
    QVERIFY(tap.waitFor([&] { return sent >= 500; }));

    bench.stopServer(server);
    for (int i = 0; i < 200; ++i)
        sendBurst(); // behind the stop in the bench's queue: written while the server closes
    QVERIFY(tap.waitFor([&] {
        return !tap.server(server).listening && tap.client(clients.at(0)).state == QLatin1String("reconnecting");
    }));
    const quint32 sentBeforeOutage = sent;
    QVERIFY(tap.waitFor([&] { return sent >= sentBeforeOutage + 500; })); // while nobody listens

    bench.startServer(server);
    QVERIFY(tap.waitFor([&] { return tap.connected(clients, server); }));
    QCOMPARE(tap.server(server).boundPort, port); // where the client reconnects
    const quint32 sentBeforeEnd = sent;
    QVERIFY(tap.waitFor([&] { return sent >= sentBeforeEnd + 500; }));
    sender.stop();

    // What is missing or doubled, if anything, is what the comparisons below report.
    tap.waitFor([&] {
        return receivedIds(tap, server).size() >= qsizetype(sent)
            && tap.client(clients.at(0)).unconfirmedMessages == 0;
    });
    QList<quint32> everyOneInOrder(sent);
    std::iota(everyOneInOrder.begin(), everyOneInOrder.end(), 1u);
    QCOMPARE(receivedIds(tap, server), everyOneInOrder);
    QCOMPARE(tap.client(clients.at(0)).unconfirmedMessages, 0);
    QCOMPARE(tap.dropped, quint64(0)); // the log held them all: a missing id would be a lost message
    QVERIFY(tap.hasEvent(EventKind::ServerStopped, QStringLiteral("server 1")));
    QCOMPARE(tap.count(QStringLiteral("client 1"), Direction::Out), int(sent)); // each logged once, resent or not
}

void tst_BenchReceipts::serverWithoutEnvelopeDoesNotStart()
{
    Bench bench;
    BenchTap tap(bench);
    ServerSpec spec;
    spec.codec = netcore::CodecConfig::line();
    spec.receipts = true; // as a hand-edited workspace may ask
    const int server = bench.addServer(spec);
    QVERIFY(tap.waitFor([&] { return !tap.server(server).error.isEmpty(); }));
    QVERIFY(!tap.server(server).listening);
    QVERIFY(tap.server(server).error.contains(QLatin1String("envelope")));
    QCOMPARE(firstErrorAt(tap, QStringLiteral("server 1")), netcore::ErrorCode::InvalidConfiguration);
}

void tst_BenchReceipts::clientWithoutEnvelopeDoesNotConnect()
{
    Bench bench;
    BenchTap tap(bench);
    const int server = bench.addServer(ServerSpec());
    QVERIFY(tap.waitFor([&] { return tap.server(server).listening; }));
    ClientSpec spec;
    spec.port = tap.server(server).boundPort;
    spec.codec = netcore::CodecConfig::raw();
    spec.receipts = true;
    spec.autoReconnect = false;
    const QList<int> clients = bench.spawnClients(spec, 1);
    QVERIFY(tap.waitFor([&] { return firstErrorAt(tap, QStringLiteral("client 1")) != netcore::ErrorCode::NoError; }));
    QCOMPARE(firstErrorAt(tap, QStringLiteral("client 1")), netcore::ErrorCode::InvalidConfiguration);
    QVERIFY(tap.hasEvent(EventKind::Error, QStringLiteral("client 1"), QStringLiteral("delivery receipts")));
    QCOMPARE(tap.client(clients.at(0)).state, QStringLiteral("closed"));
    QVERIFY(tap.server(server).connections.isEmpty());
}

QTEST_GUILESS_MAIN(tst_BenchReceipts)
#include "tst_benchreceipts.moc"
