#pragma once

#include <engine/bench.h>
#include <engine/benchproxies.h>
#include <engine/trafficcollector.h>

#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <map>
#include <memory>

namespace wirebench {

class HostedServer;
class PacedSender;
class SequenceSender;
class SpawnedClient;

/**
 * The bench's I/O thread side: owns every HostedServer, SpawnedClient and,
 * through BenchProxies, HostedProxy (keyed by the ids Bench handed out), runs
 * the commands Bench posts to it, and refreshes the server, client and proxy
 * snapshots in the TrafficCollector after each command and on a ~30 Hz timer.
 *
 * Every method must run in the worker's thread. Unknown ids are ignored: a
 * command may race with a removal the user made just before.
 */
class BenchWorker : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(BenchWorker)

public:
    static constexpr int snapshotIntervalMsecs = 33;

    /** @p collector must outlive this. */
    explicit BenchWorker(TrafficCollector *collector, QObject *parent = nullptr);
    /** Deletes every server and client (in the worker's thread, like everything else). */
    ~BenchWorker() override;

    /** Starts the snapshot timer; once the worker runs in its thread. */
    void begin();

    void addServer(int id, const ServerSpec &spec, bool start);
    void updateServer(int id, const ServerSpec &spec);
    void startServer(int id);
    void stopServer(int id);
    void setServerPaused(int id, bool paused);
    void removeServer(int id);
    void kick(int serverId, quint64 connection);

    void addClient(int id, const QString &name, const ClientSpec &spec);
    void connectClient(int id);
    void disconnectClient(int id);
    void removeClient(int id);

    /** Sends once and reports what became of it as a SendReport numbered @p ticket. */
    void send(quint64 ticket, const SendTarget &target, const ComposedPayload &payload);
    void startLoad(const SendTarget &target, const ComposedPayload &payload, qint64 count, int ratePerSecond);
    void stopLoad();
    void startSequence(const SendTarget &target, const QList<ComposedPayload> &steps, int delayMsecs);
    void stopSequence();

    void recordServer(int id, const QString &fileName);
    /** One file for the clients @p ids, or (@p fileName empty) the end of every file one of them is in. */
    void recordClients(const QList<int> &ids, const QString &fileName);

    /** The proxies, whose commands Bench runs through this. */
    BenchProxies &proxies() { return m_proxies; }

    void clear();

    /** Publishes once the current burst of commands is done: spawning 1000 clients is not 1000 snapshots. */
    void publishSoon();

private:
    /**
     * One send to @p target: one message per destination, each counted in the tally. With templates,
     * each destination's message is built on its own, {{seq}} filled with @p seq.
     */
    SendTally sendOnce(const SendTarget &target, const ComposedPayload &payload, qint64 seq);
    /** A broadcast built anew for each recipient, as its templates ask. */
    void broadcastEach(HostedServer *hosted, const ComposedPayload &payload, qint64 seq, SendTally *tally);
    /** The messages one send to @p target is, as far as can be told now. */
    int destinationsOf(const SendTarget &target) const;
    HostedServer *server(int id) const;
    SpawnedClient *client(int id) const;
    void publishSnapshots();

    TrafficCollector *const m_collector = nullptr;
    // Ordered maps: snapshots list servers and clients in creation order.
    std::map<int, std::unique_ptr<HostedServer>> m_servers;
    std::map<int, std::unique_ptr<SpawnedClient>> m_clients;
    BenchProxies m_proxies{m_collector};
    PacedSender *m_load = nullptr;         ///< child of this
    SequenceSender *m_sequence = nullptr; ///< child of this
    QTimer m_snapshotTimer;
    QTimer m_soonTimer;
};

} // namespace wirebench
