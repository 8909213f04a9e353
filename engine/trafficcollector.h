#pragma once

#include <engine/benchtypes.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QMutex>

namespace wirebench {

/** Where a logged message was seen: the fields of LogEntry that name the endpoint. */
struct LogSource
{
    QString endpoint;
    int serverId = 0;
    quint64 connection = 0;
    int clientId = 0;
    int proxyId = 0;
};

/**
 * What the bench's I/O thread saw, held until the GUI takes it: log entries,
 * events, cumulative channel statistics, the latest server, client and proxy
 * snapshots and the paced and sequence senders' progress.
 *
 * Thread-safe. The I/O thread adds one entry at a time under a short lock
 * (no cross-thread posting per message); take() swaps the pending lists out
 * under the same lock, so neither side waits long for the other.
 *
 * Bounded: at most pendingEntryLimit() entries wait for take(); beyond that
 * the oldest are dropped and counted (TrafficBatch::droppedEntries). Events
 * are bounded by maxPendingEvents the same way; a batch that lost events
 * says so with an Info event. Payloads over LogEntry::payloadKeepLimit are
 * kept whole (up to LogEntry::wholePayloadLimit) while those waiting add up
 * to at most LogEntry::wholePayloadBudget bytes; the others are cut.
 */
class TrafficCollector
{
    Q_DISABLE_COPY(TrafficCollector)

public:
    static constexpr int maxPendingEvents = 10000;

    explicit TrafficCollector(int pendingEntryLimit);
    ~TrafficCollector();

    /** At least 1; lowering it drops the oldest waiting entries at once. */
    void setPendingEntryLimit(int limit);
    int pendingEntryLimit() const;

    /** Logs @p message as seen at @p source; its payload whole or cut, see the class. */
    void addEntry(const LogSource &source, Direction direction, const netcore::Message &message);
    void addEvent(EventKind kind, const QString &endpoint, const QString &text,
                  netcore::ErrorCode code = netcore::ErrorCode::NoError);
    /** Replaces the snapshots every later batch carries. */
    void setSnapshots(const QList<ServerState> &servers, const QList<ClientState> &clients);
    void setProxySnapshots(const QList<ProxyState> &proxies);
    void setLoad(const LoadProgress &load);
    void setSequence(const SequenceProgress &sequence);
    /** What became of one Bench::send(); the next batch carries it. */
    void addSendReport(const SendReport &report);

    /** Entries and events since the previous call, with the current statistics and snapshots. */
    TrafficBatch take();

private:
    QDateTime now(); // with the mutex held
    void dropOldestEntry(); // with the mutex held

    mutable QMutex m_mutex; // guards everything below
    int m_limit = 0;
    qint64 m_sequence = 0;
    QList<LogEntry> m_entries;
    quint64 m_droppedEntries = 0;
    qint64 m_wholePayloadBytes = 0; ///< of the waiting entries whose payload passed payloadKeepLimit
    QList<BenchEvent> m_events;
    quint64 m_droppedEvents = 0;
    QHash<QString, ChannelStats> m_channels;
    QList<ServerState> m_servers;
    QList<ClientState> m_clients;
    QList<ProxyState> m_proxies;
    LoadProgress m_load;
    SequenceProgress m_sequenceProgress;
    QList<SendReport> m_sends;

    // The wall clock is read at most once per millisecond: under a flood,
    // QDateTime::currentDateTime() per message would cost more than the rest.
    QElapsedTimer m_clock;
    qint64 m_clockMsecs = -1;
    QDateTime m_now;
};

} // namespace wirebench
