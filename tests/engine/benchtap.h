#pragma once

#include <engine/bench.h>

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

#include <functional>

/**
 * What a test has seen of a Bench: every batch taken so far, accumulated
 * (entries and events appended, snapshots and statistics replaced), the
 * way the GUI's timer consumes them.
 */
struct BenchTap
{
    explicit BenchTap(wirebench::Bench &bench) : bench(bench) {}

    /** Takes one batch; true, so it can lead a QTRY condition. */
    bool poll()
    {
        wirebench::TrafficBatch batch = bench.takeBatch();
        entries.append(batch.entries);
        events.append(batch.events);
        dropped += batch.droppedEntries;
        channels = batch.channels;
        servers = batch.servers;
        clients = batch.clients;
        proxies = batch.proxies;
        load = batch.load;
        loads.append(batch.load);
        sequence = batch.sequence;
        sends.append(batch.sends);
        return true;
    }

    /** Polls until @p condition holds (or @p msecs pass); what it returns. */
    bool waitFor(const std::function<bool()> &condition, int msecs = 10000)
    {
        return QTest::qWaitFor([&] { return poll() && condition(); }, msecs);
    }

    wirebench::ServerState server(int id) const
    {
        for (const wirebench::ServerState &state : servers) {
            if (state.id == id)
                return state;
        }
        return {};
    }

    wirebench::ClientState client(int id) const
    {
        for (const wirebench::ClientState &state : clients) {
            if (state.id == id)
                return state;
        }
        return {};
    }

    wirebench::ProxyState proxy(int id) const
    {
        for (const wirebench::ProxyState &state : proxies) {
            if (state.id == id)
                return state;
        }
        return {};
    }

    bool connected(const QList<int> &clientIds, int serverId) const
    {
        for (int id : clientIds) {
            if (client(id).state != QLatin1String("connected"))
                return false;
        }
        return server(serverId).connections.size() == clientIds.size();
    }

    /** The connection of @p serverId whose peer is client @p clientId; 0 if none. */
    quint64 connectionOf(int serverId, int clientId) const
    {
        const quint16 port = client(clientId).localPort;
        for (const netcore::ConnectionInfo &info : server(serverId).connections) {
            if (port != 0 && info.peerPort == port)
                return info.id;
        }
        return 0;
    }

    /** How the log names that connection: "server 1 #3 127.0.0.1:50000". */
    QString endpointOf(int serverId, int clientId) const
    {
        const quint64 connection = connectionOf(serverId, clientId);
        for (const netcore::ConnectionInfo &info : server(serverId).connections) {
            if (info.id == connection)
                return QStringLiteral("%1 #%2 %3").arg(server(serverId).spec.name).arg(info.id).arg(info.peerString());
        }
        return {};
    }

    QList<wirebench::LogEntry> entriesAt(const QString &endpoint, wirebench::Direction direction) const
    {
        QList<wirebench::LogEntry> found;
        for (const wirebench::LogEntry &entry : entries) {
            if (entry.endpoint == endpoint && entry.direction == direction)
                found.append(entry);
        }
        return found;
    }

    int count(const QString &endpoint, wirebench::Direction direction) const
    {
        return int(entriesAt(endpoint, direction).size());
    }

    bool hasEvent(wirebench::EventKind kind, const QString &endpointPart, const QString &textPart = {}) const
    {
        for (const wirebench::BenchEvent &event : events) {
            if (event.kind == kind && event.endpoint.contains(endpointPart) && event.text.contains(textPart))
                return true;
        }
        return false;
    }

    wirebench::Bench &bench;
    QList<wirebench::LogEntry> entries;
    QList<wirebench::BenchEvent> events;
    quint64 dropped = 0;
    QHash<QString, wirebench::ChannelStats> channels;
    QList<wirebench::ServerState> servers;
    QList<wirebench::ClientState> clients;
    QList<wirebench::ProxyState> proxies;
    wirebench::LoadProgress load;
    QList<wirebench::LoadProgress> loads; ///< one per batch
    wirebench::SequenceProgress sequence;
    QList<wirebench::SendReport> sends;
};

/** Set-ups shared by the bench tests. */
namespace benchtest {

constexpr int timeout = 10000;

/** One server from @p spec and @p clientCount clients connected to it, as the GUI would set them up. */
inline bool setUp(BenchTap &tap, const wirebench::ServerSpec &spec, int clientCount, int *serverId,
                  QList<int> *clientIds, bool autoReconnect = true)
{
    *serverId = tap.bench.addServer(spec);
    if (!tap.waitFor([&] { return tap.server(*serverId).listening; }))
        return false;
    wirebench::ClientSpec client;
    client.port = tap.server(*serverId).boundPort;
    client.autoReconnect = autoReconnect;
    *clientIds = tap.bench.spawnClients(client, clientCount);
    return tap.waitFor([&] { return tap.connected(*clientIds, *serverId); });
}

inline wirebench::ServerSpec serverSpec(wirebench::ServerMode mode)
{
    wirebench::ServerSpec spec;
    spec.mode = mode;
    return spec;
}

inline netcore::Message chat(const QString &text, quint32 id = 7)
{
    return netcore::Message::json(QJsonDocument(QJsonObject{{QStringLiteral("text"), text}}),
                                  QStringLiteral("chat"), id);
}

} // namespace benchtest
