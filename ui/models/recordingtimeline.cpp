#include "recordingtimeline.h"

#include <QtCore/QJsonDocument>

namespace wirebench {

namespace {

QString endpointOf(quint64 connection, const QHash<quint64, QString> &peers)
{
    const QString peer = peers.value(connection);
    return peer.isEmpty() ? QStringLiteral("#%1").arg(connection) : QStringLiteral("#%1 %2").arg(connection).arg(peer);
}

} // namespace

RecordingTimeline::RecordingTimeline(const Recording &recording)
{
    const QDateTime started = recording.header().started.toLocalTime();
    QHash<quint64, QString> peers;
    for (const RecordedEvent &event : recording.events()) {
        const QDateTime time = started.addMSecs(event.timeUs / 1000);
        const QString endpoint = endpointOf(event.connection, peers);
        switch (event.kind) {
        case RecordedEvent::Kind::Connected:
            peers.insert(event.connection, event.peer);
            ++m_conversations;
            m_events.append(BenchEvent{time, EventKind::Connected, endpointOf(event.connection, peers),
                                       tr("connected from %1").arg(event.peer)});
            break;
        case RecordedEvent::Kind::Message: {
            LogEntry entry;
            entry.sequence = m_entries.size() + 1;
            entry.time = time;
            entry.direction = logDirection(*event.direction); // a message has one, the reader checked
            entry.endpoint = endpoint;
            entry.connection = event.connection;
            entry.message = event.message;
            entry.size = event.message.payload().size();
            m_entries.append(entry);
            m_entryMsecs.append(event.timeUs / 1000);
            break;
        }
        case RecordedEvent::Kind::Disconnected: {
            const QString why = event.detail.isEmpty() ? event.reason : tr("%1 (%2)").arg(event.detail, event.reason);
            m_events.append(BenchEvent{time, EventKind::Disconnected, endpoint,
                                       tr("disconnected by the %1: %2").arg(event.side, why)});
            break;
        }
        case RecordedEvent::Kind::Error:
            m_events.append(BenchEvent{time, EventKind::Error, endpoint, QStringLiteral("%1: %2").arg(event.code, event.text)});
            break;
        case RecordedEvent::Kind::Other:
            m_events.append(BenchEvent{time, EventKind::Info, endpoint,
                                       QStringLiteral("%1: %2").arg(event.name,
                                                                    QString::fromUtf8(QJsonDocument(event.extra).toJson(QJsonDocument::Compact)))});
            break;
        }
    }
}

void RecordingTimeline::forEachStep(
    int stepMsecs, const std::function<void(qint64 msecs, const QHash<QString, ChannelStats> &channels)> &visit) const
{
    QHash<QString, ChannelStats> channels;
    const qint64 last = m_entryMsecs.isEmpty() ? 0 : m_entryMsecs.constLast();
    qsizetype next = 0;
    for (qint64 step = stepMsecs; step <= last + stepMsecs; step += stepMsecs) {
        for (; next < m_entries.size() && m_entryMsecs.at(next) < step; ++next) {
            const LogEntry &entry = m_entries.at(next);
            ChannelStats &stats = channels[entry.message.channel()];
            stats.channel = entry.message.channel();
            stats.count(entry.direction, entry.size);
            stats.latest = entry.message;
            stats.latestTime = entry.time;
        }
        visit(step, channels);
    }
}

} // namespace wirebench
