#pragma once

#include <engine/benchtypes.h>
#include <engine/composedpayload.h>

#include <QtCore/QObject>

#include <memory>

namespace wirebench {

/** Where a composed message goes. */
struct SendTarget
{
    enum class Kind {
        Clients,     ///< each listed client sends it to its server
        Connections, ///< the server sends it to each listed connection
        Broadcast,   ///< the server sends it to all its connections
    };

    Kind kind = Kind::Clients;
    QList<int> clientIds;
    int serverId = 0;
    QList<quint64> connections;
};

/**
 * The test bench: hosted servers, spawned clients and proxies, all living in
 * one I/O thread of their own (plus each server's and proxy's netcore
 * workers), never in the GUI thread.
 *
 * Every command returns at once and runs in the I/O thread. What happens
 * there is collected and handed over by takeBatch(), which the GUI calls
 * on a timer: a flood of messages costs the GUI one model update per tick,
 * and what the GUI has not taken yet is bounded (the oldest log entries are
 * dropped and counted, never silently).
 */
class Bench : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(Bench)

public:
    static constexpr int defaultPendingEntryLimit = 200000;

    explicit Bench(QObject *parent = nullptr);
    ~Bench() override;

    /** Returns the new server's id at once; it starts listening if @p start. */
    int addServer(const ServerSpec &spec, bool start = true);
    /** Applies a new spec; a running server is restarted with it. */
    void updateServer(int id, const ServerSpec &spec);
    void startServer(int id);
    void stopServer(int id);
    void setServerPaused(int id, bool paused);
    void removeServer(int id);
    void kick(int serverId, quint64 connection);

    /**
     * Spawns and connects @p count clients named "<spec.name> <n>" ("client <n>" if the name is
     * empty), n counting on per name across the bench (from 1 again after clear()); returns their ids.
     */
    QList<int> spawnClients(const ClientSpec &spec, int count);
    /**
     * Adds and connects one client named exactly spec.name (as ClientState::spec holds it), e.g. to
     * reopen a workspace; later spawns of the same base name number on after it. Returns its id.
     */
    int addClient(const ClientSpec &spec);
    void connectClient(int id);
    void disconnectClient(int id);
    void removeClient(int id);

    /**
     * Every message sent is logged as Out at its sender; a broadcast logs one entry per recipient.
     * A closed client refuses it; a (re)connecting one queues it. Returns a ticket: the batch's
     * SendReport with that number tells what became of it, and a refusal is an Error event too.
     */
    quint64 send(const SendTarget &target, const netcore::Message &message);
    /**
     * send() of a composed payload: with templates, each destination's message is built on its own
     * ({{seq}} is 1); one that cannot be built is refused, with the reason.
     */
    quint64 send(const SendTarget &target, const ComposedPayload &payload);
    /**
     * Repeats send(@p target, @p message) @p count times at @p ratePerSecond repetitions per second
     * (0: as fast as the I/O thread can), paced in the I/O thread. TrafficBatch::load reports progress,
     * in messages: each repetition is one message per client, connection or recipient.
     */
    void startLoad(const SendTarget &target, const netcore::Message &message, qint64 count, int ratePerSecond);
    /** startLoad() of a composed payload: repetition n (from 1) fills {{seq}} with n, for each destination. */
    void startLoad(const SendTarget &target, const ComposedPayload &payload, qint64 count, int ratePerSecond);
    void stopLoad();
    /**
     * Sends @p steps to @p target in order, each one as send() would, with @p delayMsecs between the
     * end of one step and the start of the next, timed in the I/O thread; step n (from 1) fills {{seq}}
     * with n. Replaces a sequence under way. TrafficBatch::sequence reports progress; a refusal is an
     * Error event, as for a load.
     */
    void startSequence(const SendTarget &target, const QList<ComposedPayload> &steps, int delayMsecs);
    void stopSequence();

    /**
     * Returns the new proxy's id at once; it starts listening if @p start. Its messages are logged
     * at "<name> #<connection>" as c2s and s2c; an empty name becomes "proxy <id>".
     */
    int addProxy(const ProxySpec &spec, bool start = true);
    /** Applies a new spec: one that differs only in its faults live, else a running proxy restarts with it. */
    void updateProxy(int id, const ProxySpec &spec);
    void startProxy(int id);
    /** Stops listening and ends its connections. */
    void stopProxy(int id);
    void removeProxy(int id);
    /** Ends one proxied connection, both sides. */
    void kickProxyConnection(int id, quint64 connection);
    /** Replaces a proxy's faults; its open connections take them at once, without a restart. */
    void setProxyFaults(int id, const QList<Fault> &faults);

    /**
     * The Record switches: what a server, a group of clients or a proxy sends and receives goes to
     * @p fileName as it happens (docs/recording.md; "recorder":"app"), until it is called again with
     * an empty @p fileName, or the server or proxy stops, or it is removed. The clients of one call
     * share a file (each its own "conn", its id) and must share a codec; stopping any of them stops
     * the file. Whether it started, and how it ended, are events; the snapshots' recordingFile show it.
     */
    void recordServer(int id, const QString &fileName);
    void recordClients(const QList<int> &ids, const QString &fileName);
    void recordProxy(int id, const QString &fileName);

    /** Removes every server, client and proxy; stops a load or a sequence under way. */
    void clear();

    /** Everything since the previous call. Thread-safe. */
    TrafficBatch takeBatch();
    void setPendingEntryLimit(int limit);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace wirebench
