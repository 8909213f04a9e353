#include <tests/engine/benchtap.h>

#include <engine/bench.h>

#include <QtNetwork/QTcpServer>

#include <algorithm>
#include <QtTest/QTest>

using namespace wirebench;

/**
 * Proxies on the bench, end to end: an echo server of the bench, a proxy in
 * front of it, a client of the bench through the proxy; what each one logged,
 * the events, the proxy's snapshots, and its faults switched while the
 * connection stays open.
 */
class tst_BenchProxy : public QObject
{
    Q_OBJECT

private slots:
    void messagesPassBothWaysAndAreLogged();
    void faultsSwitchLiveOnAnOpenConnection();
    void kickEndsOneConnectionAndTheClientComesBack();
    void onlyNewFaultsKeepConnectionsOtherChangesRestart();
    void stopStartRemoveAndClear();
    void refusedUpstreamIsAnErrorAndTheProxyGoesOn();
    void portInUseIsAFailure();
};

namespace {

/** An echo server, proxy "front" in front of it, and one client through the proxy, connected both ways. */
struct ProxyRig
{
    explicit ProxyRig(BenchTap &tap) : tap(tap) {}

    bool setUp(bool autoReconnect = true)
    {
        serverId = tap.bench.addServer(benchtest::serverSpec(ServerMode::Echo));
        if (!tap.waitFor([&] { return tap.server(serverId).listening; }))
            return false;
        spec.name = QStringLiteral("front");
        spec.upstreamPort = tap.server(serverId).boundPort;
        proxyId = tap.bench.addProxy(spec);
        if (!tap.waitFor([&] { return tap.proxy(proxyId).listening; }))
            return false;
        ClientSpec client;
        client.port = tap.proxy(proxyId).boundPort;
        client.autoReconnect = autoReconnect;
        clientId = tap.bench.spawnClients(client, 1).constFirst();
        return tap.waitFor([&] { return throughProxy(); });
    }

    /** The client connected, its proxied connection up both ways. */
    bool throughProxy() const
    {
        const ProxyState proxy = tap.proxy(proxyId);
        return tap.client(clientId).state == QLatin1String("connected") && proxy.connections.size() == 1
            && proxy.connections.constFirst().upstreamConnected && tap.server(serverId).connections.size() == 1;
    }

    quint64 connection() const
    {
        const ProxyState proxy = tap.proxy(proxyId);
        return proxy.connections.isEmpty() ? 0 : proxy.connections.constFirst().id;
    }

    QString endpoint() const { return QStringLiteral("front #%1").arg(connection()); }

    void send(const netcore::Message &message) const
    {
        SendTarget target;
        target.clientIds = {clientId};
        tap.bench.send(target, message);
    }

    /** The echoes the client received whose payload holds @p text. */
    int echoesOf(const QString &text) const
    {
        int found = 0;
        for (const LogEntry &entry : tap.entriesAt(tap.client(clientId).name, Direction::In))
            found += entry.message.payload().contains(text.toUtf8()) ? 1 : 0;
        return found;
    }

    int dropEvents() const
    {
        return int(std::count_if(tap.events.cbegin(), tap.events.cend(), [](const BenchEvent &event) {
            return event.endpoint.startsWith(QLatin1String("front #")) && event.text.startsWith(QLatin1String("drop:"));
        }));
    }

    /**
     * Sends chat messages until one is dropped (@p dropped) or passes: a change of faults reaches the
     * proxy's I/O thread a moment after the call, so the first ones may still meet the old faults. Once one
     * has met the new faults, they are in force on this connection. False if none did in 100 tries.
     */
    bool sendUntil(bool dropped)
    {
        for (int probe = 1; probe <= 100; ++probe) {
            const QString text = QStringLiteral("probe <%1>").arg(probe);
            const int drops = dropEvents();
            send(benchtest::chat(text));
            if (!tap.waitFor([&] { return dropEvents() > drops || echoesOf(text) == 1; }))
                return false;
            if ((dropEvents() > drops) == dropped)
                return true;
        }
        return false;
    }

    int serverReceived(const QString &text) const
    {
        int found = 0;
        for (const LogEntry &entry : tap.entries) {
            if (entry.serverId == serverId && entry.direction == Direction::In)
                found += entry.message.payload().contains(text.toUtf8()) ? 1 : 0;
        }
        return found;
    }

    BenchTap &tap;
    ProxySpec spec;
    int serverId = 0;
    int proxyId = 0;
    int clientId = 0;
};

} // namespace

void tst_BenchProxy::messagesPassBothWaysAndAreLogged()
{
    Bench bench;
    BenchTap tap(bench);
    ProxyRig rig(tap);
    QVERIFY(rig.setUp());
    const QString endpoint = rig.endpoint();
    QCOMPARE(endpoint, QStringLiteral("front #1"));

    const netcore::Message hello = benchtest::chat(QStringLiteral("hello"));
    rig.send(hello);
    QVERIFY(tap.waitFor([&] {
        return tap.count(endpoint, Direction::ClientToServer) == 1 && tap.count(endpoint, Direction::ServerToClient) == 1
            && rig.echoesOf(QStringLiteral("hello")) == 1;
    }));
    for (const Direction direction : {Direction::ClientToServer, Direction::ServerToClient}) {
        const LogEntry entry = tap.entriesAt(endpoint, direction).constFirst();
        QCOMPARE(entry.message, hello);
        QCOMPARE(entry.proxyId, rig.proxyId);
        QCOMPARE(entry.connection, quint64(1));
        QCOMPARE(entry.serverId, 0);
        QCOMPARE(entry.clientId, 0);
    }
    QCOMPARE(directionName(Direction::ClientToServer), QStringLiteral("c2s"));
    QCOMPARE(directionName(Direction::ServerToClient), QStringLiteral("s2c"));

    const quint16 clientPort = tap.client(rig.clientId).localPort;
    QVERIFY(tap.hasEvent(EventKind::ServerStarted, QStringLiteral("front"), QStringLiteral("seed")));
    QVERIFY(tap.hasEvent(EventKind::Connected, endpoint, QStringLiteral(":%1").arg(clientPort)));
    QVERIFY(tap.hasEvent(EventKind::Connected, endpoint, QStringLiteral("upstream")));

    // The counters of the snapshot, and both ends of the connection.
    QVERIFY(tap.waitFor([&] { return tap.proxy(rig.proxyId).connections.constFirst().messages[1] == 1; }));
    const ProxyState proxy = tap.proxy(rig.proxyId);
    QCOMPARE(proxy.spec.name, QStringLiteral("front"));
    QVERIFY(proxy.seed != 0);
    const ProxyConnectionState connection = proxy.connections.constFirst();
    QCOMPARE(connection.messages[0], quint64(1));
    QVERIFY(connection.bytes[0] > quint64(hello.payload().size()));
    QCOMPARE(connection.bytes[1], connection.bytes[0]); // an echo: the same frame back
    QVERIFY2(connection.clientPeer.endsWith(QStringLiteral(":%1").arg(clientPort)), qPrintable(connection.clientPeer));
    const netcore::ConnectionInfo upstream = tap.server(rig.serverId).connections.constFirst();
    QVERIFY2(connection.upstreamLocal.endsWith(QStringLiteral(":%1").arg(upstream.peerPort)),
             qPrintable(connection.upstreamLocal));

    // Per channel: the proxy counts as the server its client sees (c2s in, s2c out), beside the real ends.
    const ChannelStats chat = tap.channels.value(QStringLiteral("chat"));
    QCOMPARE(chat.messagesIn, quint64(3));  // server, proxy c2s, client
    QCOMPARE(chat.messagesOut, quint64(3)); // client, server, proxy s2c
}

void tst_BenchProxy::faultsSwitchLiveOnAnOpenConnection()
{
    Bench bench;
    BenchTap tap(bench);
    ProxyRig rig(tap);
    QVERIFY(rig.setUp());
    const quint64 connection = rig.connection();

    Fault drop;
    drop.kind = Fault::Kind::Drop;
    drop.channel = QStringLiteral("chat");
    bench.setProxyFaults(rig.proxyId, {drop});
    QVERIFY(tap.waitFor([&] { return tap.proxy(rig.proxyId).spec.faults == QList<Fault>{drop}; }));
    QVERIFY(tap.hasEvent(EventKind::Info, QStringLiteral("front"), QStringLiteral("drop")));
    QVERIFY(rig.sendUntil(true));
    const int loggedBefore = tap.count(rig.endpoint(), Direction::ClientToServer);

    rig.send(benchtest::chat(QStringLiteral("lost")));
    rig.send(netcore::Message::text(QStringLiteral("kept"), QStringLiteral("other")));
    // In order on one connection: once "kept" is back, "lost" would have reached the server before it.
    QVERIFY(tap.waitFor([&] { return rig.echoesOf(QStringLiteral("kept")) == 1; }));
    QCOMPARE(rig.serverReceived(QStringLiteral("lost")), 0);
    QCOMPARE(rig.echoesOf(QStringLiteral("lost")), 0);
    QCOMPARE(tap.count(rig.endpoint(), Direction::ClientToServer), loggedBefore + 2); // logged as it came, then dropped
    QVERIFY(tap.hasEvent(EventKind::Info, rig.endpoint(), QStringLiteral("drop: a c2s message on chat")));

    drop.enabled = false; // the switch, off
    bench.setProxyFaults(rig.proxyId, {drop});
    QVERIFY(rig.sendUntil(false));
    rig.send(benchtest::chat(QStringLiteral("passes again")));
    QVERIFY(tap.waitFor([&] { return rig.echoesOf(QStringLiteral("passes again")) == 1; }));

    // All of it on the first connection: nothing reconnected.
    QCOMPARE(rig.connection(), connection);
    QVERIFY(!tap.hasEvent(EventKind::Disconnected, QStringLiteral("front")));
    QCOMPARE(tap.server(rig.serverId).connections.size(), 1);
    QCOMPARE(tap.server(rig.serverId).connections.constFirst().id, quint64(1));
}

void tst_BenchProxy::kickEndsOneConnectionAndTheClientComesBack()
{
    Bench bench;
    BenchTap tap(bench);
    ProxyRig rig(tap);
    QVERIFY(rig.setUp());
    bench.kickProxyConnection(rig.proxyId, rig.connection());
    QVERIFY(tap.waitFor([&] { return tap.hasEvent(EventKind::Disconnected, QStringLiteral("front #1"), QStringLiteral("proxy")); }));
    // The client reconnects by itself, through a new proxied connection.
    QVERIFY(tap.waitFor([&] { return rig.throughProxy() && rig.connection() == 2; }));
}

void tst_BenchProxy::onlyNewFaultsKeepConnectionsOtherChangesRestart()
{
    Bench bench;
    BenchTap tap(bench);
    ProxyRig rig(tap);
    QVERIFY(rig.setUp());
    ProxySpec spec = tap.proxy(rig.proxyId).spec;
    Fault latency;
    latency.kind = Fault::Kind::Latency;
    latency.amount = 5;
    spec.faults = {latency};
    bench.updateProxy(rig.proxyId, spec);
    QVERIFY(tap.waitFor([&] { return tap.proxy(rig.proxyId).spec.faults.size() == 1; }));
    QCOMPARE(rig.connection(), quint64(1));
    QVERIFY(!tap.hasEvent(EventKind::ServerStopped, QStringLiteral("front")));

    const quint16 port = tap.proxy(rig.proxyId).boundPort;
    spec.name = QStringLiteral("renamed");
    bench.updateProxy(rig.proxyId, spec);
    QVERIFY(tap.waitFor([&] { return tap.proxy(rig.proxyId).spec.name == QLatin1String("renamed"); }));
    QVERIFY(tap.hasEvent(EventKind::ServerStopped, QStringLiteral("front"), QStringLiteral("new settings")));
    QVERIFY(tap.waitFor([&] { return tap.proxy(rig.proxyId).listening; }));
    QCOMPARE(tap.proxy(rig.proxyId).boundPort, port); // "any port" keeps the one it had: clients come back
    QCOMPARE(tap.proxy(rig.proxyId).spec.faults, QList<Fault>{latency});
    QVERIFY(tap.waitFor([&] { return rig.throughProxy(); }));
}

void tst_BenchProxy::stopStartRemoveAndClear()
{
    Bench bench;
    BenchTap tap(bench);
    ProxyRig rig(tap);
    QVERIFY(rig.setUp(false));
    const quint16 port = tap.proxy(rig.proxyId).boundPort;

    bench.stopProxy(rig.proxyId);
    QVERIFY(tap.waitFor([&] { return !tap.proxy(rig.proxyId).listening && tap.proxy(rig.proxyId).connections.isEmpty(); }));
    QVERIFY(tap.hasEvent(EventKind::ServerStopped, QStringLiteral("front"), QStringLiteral("stopped")));
    QVERIFY(tap.waitFor([&] { return tap.client(rig.clientId).state == QLatin1String("closed"); }));

    bench.startProxy(rig.proxyId);
    QVERIFY(tap.waitFor([&] { return tap.proxy(rig.proxyId).listening; }));
    QCOMPARE(tap.proxy(rig.proxyId).boundPort, port);

    bench.removeProxy(rig.proxyId);
    QVERIFY(tap.waitFor([&] { return tap.proxies.isEmpty(); }));
    QVERIFY(tap.hasEvent(EventKind::ServerStopped, QStringLiteral("front"), QStringLiteral("removed")));

    const int again = bench.addProxy(rig.spec);
    QVERIFY(again > rig.proxyId);
    QVERIFY(tap.waitFor([&] { return tap.proxy(again).listening; }));
    bench.clear();
    QVERIFY(tap.waitFor([&] { return tap.proxies.isEmpty() && tap.servers.isEmpty(); }));
}

void tst_BenchProxy::refusedUpstreamIsAnErrorAndTheProxyGoesOn()
{
    QTcpServer vacated; // a port nobody listens on once it is closed
    QVERIFY(vacated.listen(QHostAddress::LocalHost));
    ProxySpec spec;
    spec.upstreamPort = vacated.serverPort();
    vacated.close();

    Bench bench;
    BenchTap tap(bench);
    const int proxyId = bench.addProxy(spec);
    QVERIFY(tap.waitFor([&] { return tap.proxy(proxyId).listening; }));
    QCOMPARE(tap.proxy(proxyId).spec.name, QStringLiteral("proxy %1").arg(proxyId));
    ClientSpec client;
    client.port = tap.proxy(proxyId).boundPort;
    client.autoReconnect = false;
    const int clientId = bench.spawnClients(client, 1).constFirst();
    QVERIFY(tap.waitFor([&] {
        for (const BenchEvent &event : tap.events) {
            if (event.kind == EventKind::Error && event.code == netcore::ErrorCode::ConnectionRefused
                && event.endpoint == QStringLiteral("proxy %1 #1").arg(proxyId))
                return true;
        }
        return false;
    }));
    QVERIFY(tap.waitFor([&] { return tap.client(clientId).state == QLatin1String("closed"); }));
    QVERIFY(tap.proxy(proxyId).listening);
}

void tst_BenchProxy::portInUseIsAFailure()
{
    Bench bench;
    BenchTap tap(bench);
    const int serverId = bench.addServer(benchtest::serverSpec(ServerMode::Echo));
    QVERIFY(tap.waitFor([&] { return tap.server(serverId).listening; }));
    ProxySpec spec;
    spec.name = QStringLiteral("squatter");
    spec.listenPort = tap.server(serverId).boundPort;
    spec.upstreamPort = spec.listenPort;
    const int proxyId = bench.addProxy(spec);
    QVERIFY(tap.waitFor([&] { return !tap.proxy(proxyId).error.isEmpty(); }));
    QVERIFY(!tap.proxy(proxyId).listening);
    QVERIFY(tap.hasEvent(EventKind::Error, QStringLiteral("squatter"), QStringLiteral("cannot start")));
}

QTEST_GUILESS_MAIN(tst_BenchProxy)
#include "tst_benchproxy.moc"
