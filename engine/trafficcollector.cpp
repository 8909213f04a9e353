#include "trafficcollector.h"

#include <QtCore/QCoreApplication>

#include <utility>

namespace wirebench {

TrafficCollector::TrafficCollector(int pendingEntryLimit)
    : m_limit(qMax(1, pendingEntryLimit))
{
    m_clock.start();
}

TrafficCollector::~TrafficCollector()
{
    // The I/O thread's last writes were made under the lock, and that thread
    // has ended. QThread::wait() orders them before this, but out of a thread
    // checker's sight; taking the lock once orders them where it can see.
    QMutexLocker lock(&m_mutex);
}

void TrafficCollector::setPendingEntryLimit(int limit)
{
    QMutexLocker lock(&m_mutex);
    m_limit = qMax(1, limit);
    while (m_entries.size() > m_limit)
        dropOldestEntry();
}

int TrafficCollector::pendingEntryLimit() const
{
    QMutexLocker lock(&m_mutex);
    return m_limit;
}

void TrafficCollector::addEntry(const LogSource &source, Direction direction, const netcore::Message &message)
{
    LogEntry entry;
    entry.direction = direction;
    entry.endpoint = source.endpoint;
    entry.serverId = source.serverId;
    entry.connection = source.connection;
    entry.clientId = source.clientId;
    entry.proxyId = source.proxyId;
    entry.message = message;
    entry.size = message.payload().size();
    const bool large = entry.size > LogEntry::payloadKeepLimit;

    QMutexLocker lock(&m_mutex);
    if (large) {
        // Shared, not copied, when kept whole; a cut copies 64 KiB.
        if (entry.size <= LogEntry::wholePayloadLimit && m_wholePayloadBytes + entry.size <= LogEntry::wholePayloadBudget)
            m_wholePayloadBytes += entry.size;
        else
            entry.message.setPayload(message.payload().left(LogEntry::payloadKeepLimit));
    }
    entry.sequence = ++m_sequence;
    entry.time = now();

    ChannelStats &stats = m_channels[message.channel()];
    stats.channel = message.channel();
    stats.count(direction, entry.size); // a proxy counts as the server its clients see
    stats.latest = entry.message;
    if (entry.message.payload().size() > LogEntry::payloadKeepLimit) // one per channel: no whole payloads there
        stats.latest.setPayload(entry.message.payload().left(LogEntry::payloadKeepLimit));
    stats.latestTime = entry.time;

    if (m_entries.size() >= m_limit)
        dropOldestEntry();
    m_entries.append(std::move(entry));
}

void TrafficCollector::dropOldestEntry()
{
    const qsizetype kept = m_entries.first().message.payload().size();
    if (kept > LogEntry::payloadKeepLimit)
        m_wholePayloadBytes -= kept;
    // QList drops its first element in O(1) (the freed space is reused later).
    m_entries.removeFirst();
    ++m_droppedEntries;
}

void TrafficCollector::addEvent(EventKind kind, const QString &endpoint, const QString &text,
                                netcore::ErrorCode code)
{
    BenchEvent event;
    event.kind = kind;
    event.endpoint = endpoint;
    event.text = text;
    event.code = code;

    QMutexLocker lock(&m_mutex);
    event.time = now();
    if (m_events.size() >= maxPendingEvents) {
        m_events.removeFirst();
        ++m_droppedEvents;
    }
    m_events.append(std::move(event));
}

void TrafficCollector::setSnapshots(const QList<ServerState> &servers, const QList<ClientState> &clients)
{
    QMutexLocker lock(&m_mutex);
    m_servers = servers;
    m_clients = clients;
}

void TrafficCollector::setProxySnapshots(const QList<ProxyState> &proxies)
{
    QMutexLocker lock(&m_mutex);
    m_proxies = proxies;
}

void TrafficCollector::setLoad(const LoadProgress &load)
{
    QMutexLocker lock(&m_mutex);
    m_load = load;
}

void TrafficCollector::setSequence(const SequenceProgress &sequence)
{
    QMutexLocker lock(&m_mutex);
    m_sequenceProgress = sequence;
}

void TrafficCollector::addSendReport(const SendReport &report)
{
    QMutexLocker lock(&m_mutex);
    // Only the latest matter to the user; a caller that never takes batches must not grow this.
    if (m_sends.size() >= maxPendingEvents)
        m_sends.removeFirst();
    m_sends.append(report);
}

TrafficBatch TrafficCollector::take()
{
    TrafficBatch batch;
    quint64 droppedEvents = 0;
    QDateTime time;
    {
        QMutexLocker lock(&m_mutex);
        batch.entries.swap(m_entries);
        m_wholePayloadBytes = 0; // the GUI's log keeps its own budget
        batch.droppedEntries = std::exchange(m_droppedEntries, 0);
        batch.events.swap(m_events);
        droppedEvents = std::exchange(m_droppedEvents, 0);
        // Implicitly shared copies: the I/O thread detaches on its next write.
        batch.channels = m_channels;
        batch.servers = m_servers;
        batch.clients = m_clients;
        batch.proxies = m_proxies;
        batch.load = m_load;
        batch.sequence = m_sequenceProgress;
        batch.sends.swap(m_sends);
        time = now();
    }
    if (droppedEvents > 0) {
        BenchEvent notice;
        notice.time = time;
        notice.kind = EventKind::Info;
        notice.text = QCoreApplication::translate("wirebench::Bench",
                                                  "%n event(s) dropped: the display fell behind", nullptr,
                                                  int(qMin<quint64>(droppedEvents, INT_MAX)));
        batch.events.prepend(notice);
    }
    return batch;
}

QDateTime TrafficCollector::now()
{
    const qint64 msecs = m_clock.elapsed();
    if (msecs != m_clockMsecs) {
        m_clockMsecs = msecs;
        m_now = QDateTime::currentDateTime();
    }
    return m_now;
}

} // namespace wirebench
