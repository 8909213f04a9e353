#include <tests/engine/benchtap.h>

#include <engine/bench.h>

#include <netcore/server.h>

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QTest>

#include <algorithm>
#include <memory>
#include <sys/socket.h>

using namespace wirebench;
using namespace benchtest;

namespace {

/** The names of this process's threads, as the kernel has them. */
QStringList threadNames()
{
    QStringList names;
    const QStringList tasks = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &task : tasks) {
        QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(task));
        if (comm.open(QIODevice::ReadOnly))
            names.append(QString::fromUtf8(comm.readAll().trimmed()));
    }
    return names;
}

} // namespace

class tst_BenchLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kickReportsBothSides();
    void maxClientsRefusesTheExtraPeer();
    void badFrameIsAnErrorEvent();
    void listenFailureIsReported();
    void stopStartPauseShowInTheSnapshot();
    void updateServerAppliesTheNewMode();
    void clientsAreNamedAcrossTheBench();
    void disconnectAndRemoveClient();
    void removeServer();
    void clearRemovesEverything();
    void destroyingABusyBenchIsClean();
    void connectionFaultsAreDistinctEvents();
};

void tst_BenchLifecycle::kickReportsBothSides()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, serverSpec(ServerMode::Silent), 2, &server, &clients, false));
    const quint64 connection = tap.connectionOf(server, clients.at(1));
    const QString endpoint = tap.endpointOf(server, clients.at(1));

    bench.kick(server, connection);
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.hasEvent(EventKind::Disconnected, endpoint, QStringLiteral("ClosedLocally"))
                                 && tap.hasEvent(EventKind::Disconnected, QStringLiteral("client 2")),
                             timeout);
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.client(clients.at(1)).state == QLatin1String("closed")
                                 && tap.server(server).connections.size() == 1,
                             timeout);
    QCOMPARE(tap.client(clients.at(0)).state, QStringLiteral("connected"));
}

void tst_BenchLifecycle::maxClientsRefusesTheExtraPeer()
{
    Bench bench;
    BenchTap tap(bench);
    ServerSpec spec;
    spec.maxClients = 1;
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, spec, 1, &server, &clients, false));

    ClientSpec extra;
    extra.port = tap.server(server).boundPort;
    extra.autoReconnect = false;
    bench.spawnClients(extra, 1);
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.hasEvent(EventKind::Refused, QStringLiteral("server 1"),
                                                         QStringLiteral("at most 1")),
                             timeout);
    QCOMPARE(tap.server(server).connections.size(), 1);
}

void tst_BenchLifecycle::badFrameIsAnErrorEvent()
{
    Bench bench;
    BenchTap tap(bench);
    const int server = bench.addServer(serverSpec(ServerMode::Silent));
    QVERIFY(tap.waitFor([&] { return tap.server(server).listening; }));
    ClientSpec rawSpec;
    rawSpec.port = tap.server(server).boundPort;
    rawSpec.codec = netcore::CodecConfig::raw();
    const QList<int> raw = bench.spawnClients(rawSpec, 1);
    QVERIFY(tap.waitFor([&] { return tap.connected(raw, server); }));

    // An envelope frame of unknown type 9: a frame error, the connection stays.
    const QByteArray bad = QByteArray::fromHex("0000000a0901000000000000" "6869");
    bench.send({SendTarget::Kind::Clients, raw, 0, {}}, netcore::Message::binary(bad));
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.hasEvent(EventKind::Error, QStringLiteral("server 1 #")), timeout);
    const auto error = std::find_if(tap.events.cbegin(), tap.events.cend(),
                                    [](const BenchEvent &event) { return event.kind == EventKind::Error; });
    QCOMPARE(error->code, netcore::ErrorCode::UnknownMessageType);
    QCOMPARE(error->endpoint, tap.endpointOf(server, raw.at(0)));
}

void tst_BenchLifecycle::listenFailureIsReported()
{
    netcore::Server occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
    Bench bench;
    BenchTap tap(bench);
    ServerSpec spec;
    spec.port = occupant.serverPort();
    const int server = bench.addServer(spec);
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && !tap.server(server).error.isEmpty(), timeout);
    QVERIFY(!tap.server(server).listening);
    QVERIFY(tap.hasEvent(EventKind::Error, QStringLiteral("server 1")));
    QCOMPARE(tap.events.constLast().code, netcore::ErrorCode::AddressInUse);
}

void tst_BenchLifecycle::stopStartPauseShowInTheSnapshot()
{
    Bench bench;
    BenchTap tap(bench);
    const int server = bench.addServer(ServerSpec());
    QVERIFY(tap.waitFor([&] { return tap.server(server).listening; }));
    const quint16 port = tap.server(server).boundPort;
    QVERIFY(port != 0);
    QVERIFY(tap.hasEvent(EventKind::ServerStarted, QStringLiteral("server 1")));

    bench.setServerPaused(server, true);
    QVERIFY(tap.waitFor([&] { return tap.server(server).paused; }));
    bench.setServerPaused(server, false);
    QVERIFY(tap.waitFor([&] { return !tap.server(server).paused; }));

    bench.stopServer(server);
    QVERIFY(tap.waitFor([&] { return !tap.server(server).listening; }));
    QCOMPARE(tap.server(server).boundPort, quint16(0));
    QVERIFY(tap.hasEvent(EventKind::ServerStopped, QStringLiteral("server 1")));

    bench.startServer(server);
    QVERIFY(tap.waitFor([&] { return tap.server(server).listening; }));
    QCOMPARE(tap.server(server).boundPort, port); // an "any port" server comes back where clients expect it
}

void tst_BenchLifecycle::updateServerAppliesTheNewMode()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, serverSpec(ServerMode::Silent), 1, &server, &clients));
    const quint16 port = tap.server(server).boundPort;

    ServerSpec echo = tap.server(server).spec;
    echo.mode = ServerMode::Echo;
    bench.updateServer(server, echo);
    QVERIFY(tap.waitFor([&] { return tap.server(server).spec.mode == ServerMode::Echo && tap.connected(clients, server); }));
    QCOMPARE(tap.server(server).boundPort, port);

    bench.send({SendTarget::Kind::Clients, clients, 0, {}}, chat(QStringLiteral("back")));
    QTRY_VERIFY_WITH_TIMEOUT(tap.poll() && tap.count(QStringLiteral("client 1"), Direction::In) == 1, timeout);
}

void tst_BenchLifecycle::clientsAreNamedAcrossTheBench()
{
    Bench bench;
    BenchTap tap(bench);
    ClientSpec spec;
    spec.port = 1; // nobody listens: names do not need a server
    spec.autoReconnect = false;
    const QList<int> first = bench.spawnClients(spec, 2);
    spec.name = QStringLiteral("sensor");
    const QList<int> sensors = bench.spawnClients(spec, 1);
    spec.name.clear();
    const QList<int> more = bench.spawnClients(spec, 1);
    spec.name = QStringLiteral("client 7");
    const int restored = bench.addClient(spec);
    spec.name.clear();
    const QList<int> after = bench.spawnClients(spec, 1);

    QCOMPARE(first, QList<int>({1, 2}));
    QVERIFY(tap.waitFor([&] { return tap.clients.size() == 6; }));
    QCOMPARE(tap.client(first.at(1)).name, QStringLiteral("client 2"));
    QCOMPARE(tap.client(sensors.at(0)).name, QStringLiteral("sensor 1"));
    QCOMPARE(tap.client(more.at(0)).name, QStringLiteral("client 3"));
    QCOMPARE(tap.client(restored).name, QStringLiteral("client 7"));
    QCOMPARE(tap.client(after.at(0)).name, QStringLiteral("client 8"));
    QCOMPARE(tap.client(sensors.at(0)).spec.name, QStringLiteral("sensor 1"));
}

void tst_BenchLifecycle::disconnectAndRemoveClient()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, serverSpec(ServerMode::Silent), 2, &server, &clients));

    bench.disconnectClient(clients.at(0));
    QVERIFY(tap.waitFor([&] { return tap.client(clients.at(0)).state == QLatin1String("closed"); }));
    QVERIFY(tap.hasEvent(EventKind::Disconnected, QStringLiteral("client 1"), QStringLiteral("ClosedLocally")));
    bench.connectClient(clients.at(0));
    QVERIFY(tap.waitFor([&] { return tap.connected(clients, server); }));

    bench.removeClient(clients.at(0));
    QVERIFY(tap.waitFor([&] { return tap.clients.size() == 1 && tap.server(server).connections.size() == 1; }));
    QCOMPARE(tap.clients.at(0).id, clients.at(1));
}

void tst_BenchLifecycle::removeServer()
{
    Bench bench;
    BenchTap tap(bench);
    const int first = bench.addServer(ServerSpec());
    const int second = bench.addServer(ServerSpec());
    QVERIFY(tap.waitFor([&] { return tap.server(first).listening && tap.server(second).listening; }));
    QCOMPARE(tap.server(second).spec.name, QStringLiteral("server 2"));

    bench.removeServer(first);
    QVERIFY(tap.waitFor([&] { return tap.servers.size() == 1; }));
    QCOMPARE(tap.servers.at(0).id, second);
}

void tst_BenchLifecycle::clearRemovesEverything()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, serverSpec(ServerMode::Echo), 2, &server, &clients));

    bench.clear();
    QVERIFY(tap.waitFor([&] { return tap.servers.isEmpty() && tap.clients.isEmpty(); }));
    ClientSpec spec;
    spec.port = 1;
    spec.autoReconnect = false;
    const QList<int> fresh = bench.spawnClients(spec, 1);
    QVERIFY(tap.waitFor([&] { return tap.clients.size() == 1; }));
    QVERIFY(!clients.contains(fresh.at(0))); // ids stay unique
    QCOMPARE(tap.client(fresh.at(0)).name, QStringLiteral("client 1"));
}

void tst_BenchLifecycle::destroyingABusyBenchIsClean()
{
    auto bench = std::make_unique<Bench>();
    BenchTap tap(*bench);
    int server = 0;
    QList<int> clients;
    ServerSpec spec = serverSpec(ServerMode::Echo);
    spec.workers = 2;
    QVERIFY(setUp(tap, spec, 3, &server, &clients));
    bench->startLoad({SendTarget::Kind::Clients, clients, 0, {}}, chat(QStringLiteral("busy")), 1000000, 0);
    QVERIFY(tap.waitFor([&] { return tap.load.messages.sent > 1000; }));
    const quint16 port = tap.server(server).boundPort;
    QVERIFY(threadNames().contains(QStringLiteral("bench-io")));
    bench.reset(); // joins the I/O thread with everything still running
    // Every thread it started ends (QThread::wait() returns as a thread finishes, a moment
    // before the kernel lets it go), and its listening socket is closed.
    const auto ioThreadsLeft = [] {
        const QStringList names = threadNames();
        return std::any_of(names.cbegin(), names.cend(), [](const QString &name) {
            return name == QLatin1String("bench-io") || name.startsWith(QLatin1String("netcore-io"));
        });
    };
    QTRY_VERIFY2_WITH_TIMEOUT(!ioThreadsLeft(), qPrintable(threadNames().join(QLatin1Char(' '))), 5000);
    QTcpServer again;
    QVERIFY2(again.listen(QHostAddress::LocalHost, port), qPrintable(again.errorString()));
}

void tst_BenchLifecycle::connectionFaultsAreDistinctEvents()
{
    Bench bench;
    BenchTap tap(bench);
    ClientSpec spec;
    spec.autoReconnect = false;
    {
        QTcpServer unused; // a port nobody listens on once it is closed
        QVERIFY(unused.listen(QHostAddress::LocalHost));
        spec.port = unused.serverPort();
    }
    spec.name = QStringLiteral("refused");
    bench.addClient(spec);
    spec.name = QStringLiteral("unknown");
    spec.host = QStringLiteral("no-such-host.invalid");
    bench.addClient(spec);

    QTcpServer peer; // ends its connections the way each test client asks
    QVERIFY(peer.listen(QHostAddress::LocalHost));
    spec.host = QStringLiteral("127.0.0.1");
    spec.port = peer.serverPort();
    spec.name = QStringLiteral("reset");
    bench.addClient(spec);
    QTRY_VERIFY_WITH_TIMEOUT(peer.hasPendingConnections(), timeout);
    QTcpSocket *resetting = peer.nextPendingConnection();
    const linger abortive{1, 0};
    ::setsockopt(int(resetting->socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    resetting->close();
    spec.name = QStringLiteral("closed");
    bench.addClient(spec);
    QTRY_VERIFY_WITH_TIMEOUT(peer.hasPendingConnections(), timeout);
    peer.nextPendingConnection()->close();

    // What the events panel shows: one distinct, readable line for each fault.
    QVERIFY(tap.waitFor([&] {
        return tap.hasEvent(EventKind::Error, QStringLiteral("refused"), QStringLiteral("ConnectionRefused"))
            && tap.hasEvent(EventKind::Error, QStringLiteral("unknown"), QStringLiteral("HostNotFound"))
            && tap.hasEvent(EventKind::Disconnected, QStringLiteral("reset"), QStringLiteral("PeerReset"))
            && tap.hasEvent(EventKind::Disconnected, QStringLiteral("closed"), QStringLiteral("PeerClosed"));
    }));
    QVERIFY(!tap.hasEvent(EventKind::Disconnected, QStringLiteral("reset"), QStringLiteral("PeerClosed")));
}

QTEST_GUILESS_MAIN(tst_BenchLifecycle)
#include "tst_benchlifecycle.moc"
