#include "responderhost.h"

#include "responder.h"

#include <engine/recording/recorder.h>

#include <netcore/connectioninfo.h>
#include <netcore/server.h>

#include <QtCore/QMetaMethod>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

namespace wirebench {

ResponderHost::ResponderHost(netcore::Server *server, QObject *parent) : QObject(parent), m_server(server)
{
    // The handlers run in the I/O threads; they reach this host only while it exists, and it
    // lives as long as the server's connections can call them (the server is closed first).
    server->setConnectionHandler([this](const netcore::ConnectionInfo &info) {
        if (Recorder *recorder = m_recorder.load())
            recorder->connected(info.id, info.peerString());
        if (const std::shared_ptr<Responder> responder = this->responder())
            responder->connected(*this, info);
    });
    server->setMessageHandler([this](quint64 connection, const netcore::MessageView &message) {
        if (Recorder *recorder = m_recorder.load())
            recorder->message(connection, ProxyDirection::ClientToServer, message);
        const std::shared_ptr<Responder> responder = this->responder();
        if (!responder)
            return false;
        responder->received(*this, connection, message);
        return !m_passOn;
    });
    connect(server, &netcore::Server::clientDisconnected, this, &ResponderHost::onClientDisconnected);
}

ResponderHost::~ResponderHost()
{
    setResponder({});
}

void ResponderHost::setResponder(std::shared_ptr<Responder> responder)
{
    std::shared_ptr<Responder> previous;
    {
        QMutexLocker lock(&m_mutex);
        previous = std::exchange(m_responder, std::move(responder));
    }
    // previous may still be in a call in an I/O thread: that call's copy keeps it alive.
}

std::shared_ptr<Responder> ResponderHost::responder() const
{
    QMutexLocker lock(&m_mutex);
    return m_responder;
}

bool ResponderHost::send(quint64 connection, const netcore::Message &message)
{
    if (!m_server->send(connection, message))
        return false;
    if (Recorder *recorder = m_recorder.load())
        recorder->message(connection, ProxyDirection::ServerToClient, message);
    if (m_repliesWatched.load(std::memory_order_relaxed))
        Q_EMIT replied(connection, message);
    return true;
}

int ResponderHost::broadcast(const netcore::Message &message)
{
    if (!m_repliesWatched.load(std::memory_order_relaxed) && !m_recorder.load())
        return m_server->broadcast(message);
    // Logged and recorded per recipient, as a hosted server logs its broadcasts.
    int sent = 0;
    for (const quint64 connection : connections())
        sent += send(connection, message) ? 1 : 0;
    return sent;
}

void ResponderHost::close(quint64 connection)
{
    m_server->disconnectClient(connection);
}

void ResponderHost::reset(quint64 connection)
{
    m_server->resetClient(connection);
}

QList<quint64> ResponderHost::connections() const
{
    QList<quint64> ids;
    const QList<netcore::ConnectionInfo> infos = m_server->connections();
    ids.reserve(infos.size());
    for (const netcore::ConnectionInfo &info : infos)
        ids.append(info.id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

QString ResponderHost::peerOf(quint64 connection) const
{
    const netcore::ConnectionInfo info = m_server->connectionInfo(connection);
    return info.id != 0 ? info.peerString() : QString();
}

void ResponderHost::log(quint64 connection, const QString &text)
{
    Q_EMIT logged(connection, text);
}

void ResponderHost::fail(quint64 connection, const QString &code, const QString &message)
{
    Q_EMIT failed(connection, code, message);
}

void ResponderHost::schedule(int msecs, std::function<void()> task)
{
    // From any thread: the timer runs in this host's thread and dies with it.
    QTimer::singleShot(msecs, Qt::PreciseTimer, this, std::move(task));
}

void ResponderHost::connectNotify(const QMetaMethod &signal)
{
    // Asking isSignalConnected() per reply costs more than the rest of a rule's work.
    if (signal == QMetaMethod::fromSignal(&ResponderHost::replied))
        m_repliesWatched.store(true, std::memory_order_relaxed);
}

void ResponderHost::onClientDisconnected(const netcore::ConnectionInfo &info, netcore::DisconnectReason,
                                         const QString &detail)
{
    if (const std::shared_ptr<Responder> responder = this->responder())
        responder->disconnected(*this, info.id, detail);
}

} // namespace wirebench
