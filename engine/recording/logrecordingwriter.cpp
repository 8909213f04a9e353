#include "logrecordingwriter.h"

#include <engine/liverecording.h>
#include <engine/recording/recordingheader.h>
#include <engine/recording/recordingline.h>

#include <QtCore/QFile>
#include <QtCore/QSaveFile>

#include <algorithm>

namespace wirebench {

namespace {

quint64 conversationOf(const LogEntry &entry, LogSelection::Kind kind)
{
    return kind == LogSelection::Kind::Clients ? quint64(entry.clientId) : entry.connection;
}

ProxyDirection conversationDirection(const LogEntry &entry)
{
    switch (entry.direction) {
    case Direction::ClientToServer: return ProxyDirection::ClientToServer;
    case Direction::ServerToClient: return ProxyDirection::ServerToClient;
    case Direction::In: return entry.clientId != 0 ? ProxyDirection::ServerToClient : ProxyDirection::ClientToServer;
    case Direction::Out: break;
    }
    return entry.clientId != 0 ? ProxyDirection::ClientToServer : ProxyDirection::ServerToClient;
}

/** "server 1 #3 127.0.0.1:50000" names its peer last; a client's or a proxy's endpoint is its name. */
QString peerOf(const LogEntry &entry)
{
    if (entry.serverId != 0) {
        const QString last = entry.endpoint.section(QLatin1Char(' '), -1);
        if (last.contains(QLatin1Char(':')))
            return last;
    }
    return entry.endpoint;
}

} // namespace

QList<RecordedEvent> LogRecordingWriter::events(const QList<LogEntry> &entries, const LogSelection &selection,
                                                QDateTime *started)
{
    QList<RecordedEvent> events;
    QSet<quint64> begun;
    QDateTime first;
    qint64 lastUs = 0;
    for (const LogEntry &entry : entries) {
        if (!selection.matches(entry))
            continue;
        if (!first.isValid())
            first = entry.time;
        const quint64 connection = conversationOf(entry, selection.kind);
        // Rows of several threads may be a millisecond out of order; a recording's time never goes back.
        const qint64 timeUs = qMax<qint64>(lastUs, first.msecsTo(entry.time) * 1000);
        lastUs = timeUs;
        if (!begun.contains(connection)) {
            begun.insert(connection);
            RecordedEvent connected;
            connected.kind = RecordedEvent::Kind::Connected;
            connected.timeUs = timeUs;
            connected.connection = connection;
            connected.peer = peerOf(entry);
            events.append(connected);
        }
        RecordedEvent message;
        message.kind = RecordedEvent::Kind::Message;
        message.timeUs = timeUs;
        message.connection = connection;
        message.direction = conversationDirection(entry);
        message.message = entry.message;
        events.append(message);
    }
    if (started)
        *started = first;
    return events;
}

int LogRecordingWriter::cutPayloads(const QList<LogEntry> &entries, const LogSelection &selection)
{
    int cut = 0;
    for (const LogEntry &entry : entries)
        cut += selection.matches(entry) && entry.isPayloadCut() ? 1 : 0;
    return cut;
}

QString LogRecordingWriter::refusal(const QList<LogEntry> &entries, const LogSelection &selection)
{
    if (const int cut = cutPayloads(entries, selection); cut > 0) {
        return tr("%n message(s) of %1 were cut short in the log (it keeps the first 64 KiB of large payloads), "
                  "and a recording keeps payloads exactly; record %1 with its Record switch instead",
                  nullptr, cut)
            .arg(selection.name);
    }
    const bool any = std::any_of(entries.cbegin(), entries.cend(),
                                 [&selection](const LogEntry &entry) { return selection.matches(entry); });
    return any ? QString() : tr("the log has no message of %1").arg(selection.name);
}

bool LogRecordingWriter::save(const QList<LogEntry> &entries, const LogSelection &selection, const QString &fileName,
                              QString *error)
{
    *error = refusal(entries, selection);
    if (!error->isEmpty())
        return false;
    RecordingHeader header;
    header.codec = selection.codec;
    header.recorder = LiveRecording::recorderName();
    const QList<RecordedEvent> recorded = events(entries, selection, &header.started);
    QSaveFile file(fileName); // all or nothing: no half-written recording in its place
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    file.write(header.toLine());
    for (const RecordedEvent &event : recorded)
        file.write(RecordingLine::format(event));
    if (!file.commit()) {
        *error = tr("cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

} // namespace wirebench
