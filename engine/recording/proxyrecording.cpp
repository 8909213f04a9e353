#include "proxyrecording.h"

#include <engine/recording/recorder.h>

#include <netcore/messageview.h>

namespace wirebench {

void ProxyRecording::connected(quint64 connection, const QString &peer)
{
    m_recorder->connected(connection, peer);
    if (m_next)
        m_next->connected(connection, peer);
}

void ProxyRecording::upstreamConnected(quint64 connection, const QString &local)
{
    m_recorder->other(connection, QStringLiteral("upstream-connected"), {{QStringLiteral("local"), local}});
    if (m_next)
        m_next->upstreamConnected(connection, local);
}

void ProxyRecording::message(quint64 connection, ProxyDirection direction, const netcore::MessageView &message)
{
    m_recorder->message(connection, direction, message);
    if (m_next)
        m_next->message(connection, direction, message);
}

void ProxyRecording::faultApplied(quint64 connection, ProxyDirection direction, Fault::Kind kind,
                                  const netcore::MessageView &message)
{
    // The message was recorded as it arrived; this says what the proxy did to it on the way.
    m_recorder->other(connection, QStringLiteral("fault"),
                      {{QStringLiteral("dir"), proxyDirectionName(direction)},
                       {QStringLiteral("fault"), Fault::kindName(kind)},
                       {QStringLiteral("channel"), message.channel()},
                       {QStringLiteral("id"), qint64(message.id())},
                       {QStringLiteral("size"), qint64(message.payload().size())}});
    if (m_next)
        m_next->faultApplied(connection, direction, kind, message);
}

void ProxyRecording::error(quint64 connection, std::optional<ProxyDirection> direction, const netcore::Error &error)
{
    m_recorder->error(connection, direction, error);
    if (m_next)
        m_next->error(connection, direction, error);
}

void ProxyRecording::disconnected(quint64 connection, ProxyEnd end, const QString &reason)
{
    const QString side = end == ProxyEnd::Upstream ? Recorder::sideName(true) : proxyEndName(end);
    m_recorder->disconnected(connection, side, reason);
    if (m_next)
        m_next->disconnected(connection, end, reason);
}

} // namespace wirebench
