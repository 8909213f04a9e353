#include "ioworker.h"

#include "orderlyclose.h"
#include "serverconnection.h"

#include <QtCore/QThread>

namespace netcore {

thread_local IoWorker *IoWorker::t_handlingWorker = nullptr;

IoWorker::IoWorker(const CodecConfig &codec, QObject *parent)
    : QObject(parent), m_codec(codec), m_idleSweep(this)
{
    connect(&m_idleSweep, &QTimer::timeout, this, &IoWorker::closeIdleConnections);
}

IoWorker::~IoWorker() = default;

void IoWorker::post(Task task)
{
    if (isCurrentThread()) {
        task();
        return;
    }
    bool wasIdle = false;
    {
        QMutexLocker lock(&m_tasksMutex);
        wasIdle = m_pendingTasks.empty();
        m_pendingTasks.push_back(std::move(task));
    }
    if (wasIdle)
        QMetaObject::invokeMethod(this, &IoWorker::runPendingTasks, Qt::QueuedConnection);
}

void IoWorker::runPendingTasks()
{
    std::vector<Task> tasks;
    {
        QMutexLocker lock(&m_tasksMutex);
        tasks.swap(m_pendingTasks);
    }
    for (const Task &task : tasks)
        task();
}

void IoWorker::addConnection(quint64 id, qintptr descriptor, std::shared_ptr<ConnectionCounters> counters)
{
    auto *connection = new ServerConnection(id, m_codec, std::move(counters), &m_outputLimits, &m_tls, &m_gate, this);
    QString why;
    if (!connection->open(descriptor, &why)) {
        delete connection;
        Q_EMIT connectionClosed(id, DisconnectReason::SocketError, why);
        return;
    }
    if (m_handler) {
        connection->setMessageHandler([this, id](const MessageView &message) {
            IoWorker *const outer = t_handlingWorker; // a handler may feed another server's connection
            t_handlingWorker = this;
            const bool handled = m_handler(id, message);
            t_handlingWorker = outer;
            return handled;
        });
    }
    if (m_readingHeld)
        connection->holdReading();
    connect(connection, &ServerConnection::decoded, this, &IoWorker::decoded);
    connect(connection, &ServerConnection::closed, this, &IoWorker::onConnectionClosed);
    connect(connection, &ServerConnection::deliveryBlocked, this, &IoWorker::onDeliveryBlocked);
    m_connections.insert(id, connection);
    forgetLastWritten(); // a cached miss for this id is stale now
    Q_EMIT connectionOpened(id); // first: what the handler reports follows the connection's event
    if (m_openHandler) {
        IoWorker *const outer = t_handlingWorker; // so that its send() writes here and now
        t_handlingWorker = this;
        m_openHandler(id);
        t_handlingWorker = outer;
    }
}

void IoWorker::write(quint64 id, const QByteArray &bytes)
{
    if (ServerConnection *connection = m_connections.value(id))
        connection->write(bytes, 1);
}

bool IoWorker::writeMessage(quint64 id, const MessageView &message, const Codec &encoder, Error *error)
{
    // Replies mostly go to the connection whose batch is being handled: skip the hash then.
    if (id != m_lastWrittenId) {
        m_lastWrittenId = id;
        m_lastWritten = m_connections.value(id);
    }
    ServerConnection *connection = m_lastWritten;
    if (!connection)
        return false;
    connection->writeMessage(message, encoder, error);
    return true;
}

void IoWorker::writeToAll(const QByteArray &bytes, quint64 except)
{
    for (ServerConnection *connection : std::as_const(m_connections)) {
        if (connection->id() != except)
            connection->write(bytes, 1);
    }
}

void IoWorker::closeConnection(quint64 id, DisconnectReason reason, const QString &detail)
{
    if (ServerConnection *connection = m_connections.value(id))
        connection->close(reason, detail);
}

void IoWorker::resetConnection(quint64 id, const QString &detail)
{
    if (ServerConnection *connection = m_connections.value(id))
        connection->reset(detail);
}

void IoWorker::closeAll(DisconnectReason reason, const QString &detail)
{
    // close() may report synchronously and so edit the table: iterate a copy.
    const auto connections = m_connections.values();
    for (ServerConnection *connection : connections)
        connection->close(reason, detail);
}

void IoWorker::setReadingHeld(bool held)
{
    m_readingHeld = held;
    if (!held)
        return;
    for (ServerConnection *connection : std::as_const(m_connections))
        connection->holdReading();
}

void IoWorker::onDeliveryBlocked()
{
    if (m_gate.waitForRoom())
        resumeDelivery();
}

void IoWorker::resumeDelivery()
{
    // Rare (once per half a backlog) and cheap for the connections that did not wait.
    for (ServerConnection *connection : std::as_const(m_connections))
        connection->resumeAfterDelivery();
}

void IoWorker::setIdleTimeout(int msecs)
{
    m_idleTimeout = msecs;
    if (msecs > 0)
        m_idleSweep.start(qBound(5, msecs / 4, 1000)); // closes within 1.25 x the timeout
    else
        m_idleSweep.stop();
}

void IoWorker::shutdown()
{
    m_idleSweep.stop();
    const auto connections = m_connections.values();
    m_connections.clear();
    forgetLastWritten();
    qDeleteAll(connections);
    // Closes still waiting for their peers: the server is going, they end now, in this thread.
    qDeleteAll(findChildren<OrderlyClose *>(Qt::FindDirectChildrenOnly));
}

void IoWorker::onConnectionClosed(quint64 id, DisconnectReason reason, const QString &detail)
{
    m_connections.remove(id);
    forgetLastWritten();
    Q_EMIT connectionClosed(id, reason, detail);
}

void IoWorker::closeIdleConnections()
{
    const auto connections = m_connections.values();
    for (ServerConnection *connection : connections) {
        if (connection->idleMsecs() >= m_idleTimeout) {
            connection->close(DisconnectReason::IdleTimeout,
                              QStringLiteral("nothing received for %1 ms").arg(m_idleTimeout));
        }
    }
}

} // namespace netcore
