#include <netcore/server.h>

#include "serverprivate.h"

namespace netcore {

namespace {
constexpr int listenBacklog = 1024;

QString mustPrecedeListen()
{
    return Server::tr("must be called before listen()");
}
} // namespace

Server::Server(const CodecConfig &codec, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, codec))
{
    d->acceptor.setListenBacklogSize(listenBacklog);
}

Server::~Server()
{
    d->acceptor.close();
    d->stopWorkers();
}

bool Server::listen(const QHostAddress &address, quint16 port)
{
    if (d->acceptor.isListening()) {
        d->refuseCall("listen", ErrorCode::ListenFailed,
                      tr("already listening on port %1").arg(d->acceptor.serverPort()));
        return false;
    }
    const QString invalid = d->config.validate();
    if (!invalid.isEmpty()) {
        d->setError(ErrorCode::InvalidConfiguration, invalid);
        return false;
    }
    if (d->receipts && d->messageHandler) {
        d->setError(ErrorCode::InvalidConfiguration,
                    tr("delivery receipts need messageReceived: a message handler would bypass them"));
        return false;
    }
    if (!d->acceptor.listen(address, port)) {
        const bool inUse = d->acceptor.serverError() == QAbstractSocket::AddressInUseError;
        d->setError(inUse ? ErrorCode::AddressInUse : ErrorCode::ListenFailed, d->acceptor.errorString());
        return false;
    }
    QString why;
    if (!d->startWorkers(&why)) {
        d->acceptor.close();
        d->setError(ErrorCode::ListenFailed, why);
        return false;
    }
    for (IoWorker *worker : d->allWorkers())
        worker->post([worker] { worker->setReadingHeld(false); }); // after a two-step close()
    d->acceptingPaused = false;
    return true;
}

void Server::close()
{
    d->acceptor.close();
    const QString detail = tr("the server was closed");
    for (IoWorker *worker : d->allWorkers()) {
        if (!d->receipts) {
            worker->post([worker, detail] { worker->closeAll(DisconnectReason::ServerClosed, detail); });
            continue;
        }
        // Two steps, so that what was read is delivered and confirmed before the connections close:
        // the worker stops decoding, then the server's thread hears back behind what it decoded.
        Server *server = this;
        worker->post([worker, server, detail] {
            worker->setReadingHeld(true);
            QMetaObject::invokeMethod(
                server, [server, worker, detail] { server->d->closeWhenDelivered(worker, detail); },
                Qt::QueuedConnection);
        });
    }
}

bool Server::isListening() const { return d->acceptor.isListening(); }
QHostAddress Server::serverAddress() const { return d->acceptor.serverAddress(); }
quint16 Server::serverPort() const { return d->acceptor.serverPort(); }
void Server::pauseAccepting()
{
    d->acceptor.pauseAccepting();
    d->acceptingPaused = true;
}

void Server::resumeAccepting()
{
    d->acceptor.resumeAccepting();
    d->acceptingPaused = false;
}

bool Server::isAcceptingPaused() const { return d->acceptingPaused; }
CodecConfig Server::codecConfig() const { return d->config; }

void Server::setMaxConnections(int max)
{
    QMutexLocker lock(&d->mutex);
    d->maxConnections = qMax(0, max);
}

int Server::maxConnections() const
{
    QMutexLocker lock(&d->mutex);
    return d->maxConnections;
}

void Server::setAcceptFilter(AcceptFilter filter) { d->acceptFilter = std::move(filter); }
void Server::setAllowList(const PeerAllowList &allowList) { d->allowList = allowList; }
PeerAllowList Server::allowList() const { return d->allowList; }

void Server::setIdleTimeout(int msecs)
{
    d->idleTimeout = qMax(0, msecs);
    for (IoWorker *worker : d->allWorkers())
        worker->post([worker, msecs = d->idleTimeout] { worker->setIdleTimeout(msecs); });
}

int Server::idleTimeout() const { return d->idleTimeout; }

bool Server::setOutputLimits(const OutputLimits &limits)
{
    const QString invalid = limits.validate();
    if (!invalid.isEmpty())
        return d->refuseCall("setOutputLimits", ErrorCode::InvalidConfiguration, invalid);
    d->outputLimits = limits;
    for (IoWorker *worker : d->allWorkers())
        worker->post([worker, limits] { worker->setOutputLimits(limits); });
    return true;
}

OutputLimits Server::outputLimits() const { return d->outputLimits; }

bool Server::setTlsConfiguration(const QSslConfiguration &configuration, int handshakeTimeout)
{
    if (!d->ioWorkers.isEmpty())
        return d->refuseCall("setTlsConfiguration", ErrorCode::InvalidConfiguration, mustPrecedeListen());
    d->tls.enabled = true;
    d->tls.configuration = configuration;
    d->tls.handshakeTimeout = qMax(1, handshakeTimeout);
    return true;
}

bool Server::isTlsEnabled() const { return d->tls.enabled; }

bool Server::setDeliveryReceipts(bool enabled)
{
    if (d->config.kind != CodecConfig::Kind::Envelope) {
        return d->refuseCall("setDeliveryReceipts", ErrorCode::InvalidConfiguration,
                             tr("needs the envelope codec (its channels carry the receipts)"));
    }
    if (!d->ioWorkers.isEmpty())
        return d->refuseCall("setDeliveryReceipts", ErrorCode::InvalidConfiguration, mustPrecedeListen());
    d->receipts = enabled;
    return true;
}

bool Server::deliveryReceipts() const { return d->receipts; }

bool Server::setWorkers(int workers)
{
    // Once started, the threads stay until the server goes (a close() and listen() reuse them).
    if (d->acceptor.isListening() || d->localWorker || !d->workers.isEmpty())
        return d->refuseCall("setWorkers", ErrorCode::InvalidConfiguration, mustPrecedeListen());
    d->workerCount = qMax(0, workers);
    return true;
}

int Server::workers() const { return d->workerCount; }

bool Server::setMessageHandler(MessageHandler handler)
{
    if (!d->ioWorkers.isEmpty())
        return d->refuseCall("setMessageHandler", ErrorCode::InvalidConfiguration, mustPrecedeListen());
    d->messageHandler = std::move(handler);
    return true;
}

bool Server::setConnectionHandler(ConnectionHandler handler)
{
    if (!d->ioWorkers.isEmpty())
        return d->refuseCall("setConnectionHandler", ErrorCode::InvalidConfiguration, mustPrecedeListen());
    d->connectionHandler = std::move(handler);
    return true;
}

bool Server::send(quint64 connection, const Message &message)
{
    QByteArray channel;
    return send(connection, MessageView::of(message, channel));
}

bool Server::send(quint64 connection, const MessageView &message)
{
    if (d->refusesReservedChannel(message, connection))
        return false;
    return d->sendFrame(connection, message);
}

int Server::broadcast(const Message &message, quint64 except)
{
    QByteArray channel;
    return broadcast(MessageView::of(message, channel), except);
}

int Server::broadcast(const MessageView &message, quint64 except)
{
    if (d->refusesReservedChannel(message, 0))
        return 0;
    QByteArray bytes;
    if (!d->encode(message, &bytes))
        return 0;
    int recipients = 0;
    {
        QMutexLocker lock(&d->mutex);
        recipients = d->connections.size() - (d->connections.contains(except) ? 1 : 0);
    }
    for (IoWorker *worker : d->allWorkers())
        worker->post([worker, bytes, except] { worker->writeToAll(bytes, except); });
    return recipients;
}

bool Server::disconnectClient(quint64 connection)
{
    IoWorker *worker = d->workerOf(connection);
    if (!worker)
        return false;
    const QString detail = tr("disconnected by the server");
    worker->post([worker, connection, detail] {
        worker->closeConnection(connection, DisconnectReason::ClosedLocally, detail);
    });
    return true;
}

bool Server::resetClient(quint64 connection)
{
    IoWorker *worker = d->workerOf(connection);
    if (!worker)
        return false;
    const QString detail = tr("reset by the server");
    worker->post([worker, connection, detail] { worker->resetConnection(connection, detail); });
    return true;
}

int Server::connectionCount() const
{
    QMutexLocker lock(&d->mutex);
    return d->connections.size();
}

QList<ConnectionInfo> Server::connections() const
{
    QMutexLocker lock(&d->mutex);
    QList<ConnectionInfo> all;
    all.reserve(d->connections.size());
    for (const ConnectionEntry &entry : std::as_const(d->connections))
        all.append(snapshotOf(entry));
    return all;
}

ConnectionInfo Server::connectionInfo(quint64 connection) const
{
    QMutexLocker lock(&d->mutex);
    const auto it = d->connections.constFind(connection);
    return it == d->connections.cend() ? ConnectionInfo() : snapshotOf(*it);
}

MessageInbox &Server::inbox() { return d->inbox; }

ErrorCode Server::error() const
{
    QMutexLocker lock(&d->mutex);
    return d->error;
}

QString Server::errorString() const
{
    QMutexLocker lock(&d->mutex);
    return d->errorString;
}

} // namespace netcore
