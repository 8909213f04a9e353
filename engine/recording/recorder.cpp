#include "recorder.h"

#include <engine/recording/recordingline.h>

#include <netcore/error.h>
#include <netcore/messageview.h>

namespace wirebench {

bool Recorder::endedByServer(netcore::DisconnectReason reason, bool recordedByServer)
{
    using Reason = netcore::DisconnectReason;
    switch (reason) {
    case Reason::PeerClosed:
    case Reason::PeerReset:
        return !recordedByServer;
    case Reason::ClosedLocally:
    case Reason::IdleTimeout:
    case Reason::StreamError:
    case Reason::SlowConsumer:
    case Reason::ServerClosed:
        return recordedByServer || reason == Reason::ServerClosed;
    case Reason::SocketError:
    case Reason::TlsFailed:
        break;
    }
    return false; // the network, not the server: a replay does not wait for it again
}

bool Recorder::start(const QString &fileName, const netcore::CodecConfig &codec, const QString &recorder,
                     QString *error)
{
    if (!m_writer.open(fileName, error))
        return false;
    RecordingHeader header;
    header.codec = codec;
    header.started = QDateTime::currentDateTimeUtc();
    header.recorder = recorder;
    m_clock.start();
    m_writer.append(header.toLine());
    return true;
}

void Recorder::record(RecordedEvent event)
{
    QMutexLocker lock(&m_mutex);
    if (!m_writer.isOpen())
        return;
    event.timeUs = m_clock.nsecsElapsed() / 1000;
    m_writer.append(RecordingLine::format(event));
}

void Recorder::connected(quint64 connection, const QString &peer)
{
    RecordedEvent event;
    event.kind = RecordedEvent::Kind::Connected;
    event.connection = connection;
    event.peer = peer;
    record(std::move(event));
}

void Recorder::message(quint64 connection, ProxyDirection direction, const netcore::Message &message)
{
    RecordedEvent event;
    event.kind = RecordedEvent::Kind::Message;
    event.connection = connection;
    event.direction = direction;
    event.message = message;
    record(std::move(event));
}

void Recorder::message(quint64 connection, ProxyDirection direction, const netcore::MessageView &message)
{
    this->message(connection, direction, message.toMessage());
}

void Recorder::error(quint64 connection, std::optional<ProxyDirection> direction, const netcore::Error &error)
{
    RecordedEvent event;
    event.kind = RecordedEvent::Kind::Error;
    event.connection = connection;
    event.direction = direction;
    event.code = netcore::errorCodeName(error.code);
    event.text = error.message;
    record(std::move(event));
}

void Recorder::error(quint64 connection, const netcore::Error &error, ProxyDirection incoming)
{
    using Code = netcore::ErrorCode;
    bool decoding = netcore::isStreamError(error.code);
    switch (error.code) {
    case Code::UnknownMessageType:
    case Code::InvalidChannelName:
    case Code::InvalidText:
    case Code::InvalidJson:
    case Code::InvalidCbor:
    case Code::StripBeyondFrame:
    case Code::InvalidReceipt:
        decoding = true;
        break;
    default:
        break;
    }
    this->error(connection, decoding ? std::optional<ProxyDirection>(incoming) : std::nullopt, error);
}

void Recorder::disconnected(quint64 connection, const QString &side, const QString &reason, const QString &detail)
{
    RecordedEvent event;
    event.kind = RecordedEvent::Kind::Disconnected;
    event.connection = connection;
    event.side = side;
    event.reason = reason;
    event.detail = detail;
    record(std::move(event));
}

void Recorder::disconnected(quint64 connection, netcore::DisconnectReason reason, const QString &detail,
                            bool recordedByServer)
{
    disconnected(connection, sideName(endedByServer(reason, recordedByServer)),
                 netcore::disconnectReasonName(reason), detail);
}

void Recorder::other(quint64 connection, const QString &name, const QJsonObject &fields)
{
    RecordedEvent event;
    event.kind = RecordedEvent::Kind::Other;
    event.connection = connection;
    event.name = name;
    event.extra = fields;
    record(std::move(event));
}

bool Recorder::finish(QString *error)
{
    QMutexLocker lock(&m_mutex);
    return m_writer.close(error);
}

} // namespace wirebench
