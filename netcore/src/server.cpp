#include <netcore/server.h>

#include <netcore/messageinbox.h>

#include "acceptor.h"
#include "epolleventdispatcher.h"
#include "ioworker.h"

#include <QtCore/QMutex>
#include <QtCore/QPointer>
#include <QtCore/QThread>

namespace netcore {

namespace {
constexpr int listenBacklog = 1024;

struct ConnectionEntry
{
    ConnectionInfo info; // counters are filled in from `counters` on snapshot
    IoWorker *worker = nullptr;
    std::shared_ptr<ConnectionCounters> counters;
};

ConnectionInfo snapshotOf(const ConnectionEntry &entry)
{
    ConnectionInfo info = entry.info;
    info.messagesIn = entry.counters->messagesIn.load(std::memory_order_relaxed);
    info.messagesOut = entry.counters->messagesOut.load(std::memory_order_relaxed);
    info.bytesIn = entry.counters->bytesIn.load(std::memory_order_relaxed);
    info.bytesOut = entry.counters->bytesOut.load(std::memory_order_relaxed);
    info.bytesPending = entry.counters->bytesPending.load(std::memory_order_relaxed);
    return info;
}
} // namespace

class Server::Private
{
public:
    explicit Private(Server *server, const CodecConfig &codec)
        : q(server), config(codec), encoder(Codec::create(codec)),
          acceptor([this](qintptr descriptor) { onDescriptorAccepted(descriptor); })
    {
    }

    void startWorkers();
    void stopWorkers();
    IoWorker *nextWorker();
    void onDescriptorAccepted(qintptr descriptor);
    void refuse(qintptr descriptor, const QHostAddress &address, quint16 port, const QString &reason);
    void onDecoded(quint64 id, const QList<DecodeResult> &results);
    void onConnectionClosed(quint64 id, DisconnectReason reason, const QString &detail);
    void setError(ErrorCode code, const QString &message);
    void report(Error error);
    bool encode(const MessageView &message, QByteArray *bytes);
    const QList<IoWorker *> &allWorkers() const { return ioWorkers; }
    IoWorker *workerInCurrentThread() const;

    Server *q;
    const CodecConfig config;
    const std::unique_ptr<Codec> encoder; // encode() is const: safe from any thread
    Acceptor acceptor;
    int workerCount = 0;
    QList<QThread *> threads;
    QList<IoWorker *> workers;
    std::unique_ptr<IoWorker> localWorker;
    int nextWorkerIndex = 0;
    bool acceptingPaused = false;
    int maxConnections = 0;
    int idleTimeout = 0;
    OutputLimits outputLimits;
    TlsSettings tls;
    QList<IoWorker *> ioWorkers; // localWorker or workers: whichever is in use
    AcceptFilter acceptFilter;
    PeerAllowList allowList;
    MessageHandler messageHandler;
    quint64 nextId = 1;
    MessageInbox inbox{0};

    mutable QMutex mutex; // guards the fields below: send() and snapshots come from any thread
    QHash<quint64, ConnectionEntry> connections;
    ErrorCode error = ErrorCode::NoError;
    QString errorString;
};

void Server::Private::startWorkers()
{
    auto wire = [this](IoWorker *worker) {
        QObject::connect(worker, &IoWorker::connectionOpened, q, [this](quint64 id) {
            ConnectionInfo info;
            {
                QMutexLocker lock(&mutex);
                const auto it = connections.constFind(id);
                if (it == connections.cend())
                    return;
                info = snapshotOf(*it);
            }
            Q_EMIT q->clientConnected(info);
        });
        QObject::connect(worker, &IoWorker::decoded, q,
                         [this](quint64 id, const QList<DecodeResult> &results) { onDecoded(id, results); });
        QObject::connect(worker, &IoWorker::connectionClosed, q,
                         [this](quint64 id, DisconnectReason reason, const QString &detail) {
                             onConnectionClosed(id, reason, detail);
                         });
    };
    if (workerCount == 0) {
        if (!localWorker) {
            localWorker = std::make_unique<IoWorker>(config);
            localWorker->setMessageHandler(messageHandler);
            localWorker->setOutputLimits(outputLimits);
            localWorker->setTls(tls);
            wire(localWorker.get());
            ioWorkers = {localWorker.get()};
        }
        localWorker->setIdleTimeout(idleTimeout);
        return;
    }
    if (!workers.isEmpty())
        return;
    for (int i = 0; i < workerCount; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("netcore-io-%1").arg(i));
        auto *worker = new IoWorker(config);
        worker->setMessageHandler(messageHandler);
        worker->setOutputLimits(outputLimits); // before the thread starts: no race
        worker->setTls(tls);
        worker->moveToThread(thread);
        wire(worker);
        installIoEventDispatcher(thread); // epoll; NETCORE_EVENT_DISPATCHER=qt keeps Qt's
        thread->start();
        const int timeout = idleTimeout;
        worker->post([worker, timeout] { worker->setIdleTimeout(timeout); });
        threads.append(thread);
        workers.append(worker);
    }
    ioWorkers = workers;
}

void Server::Private::stopWorkers()
{
    if (localWorker)
        localWorker->shutdown();
    for (IoWorker *worker : std::as_const(workers))
        QMetaObject::invokeMethod(worker, [worker] { worker->shutdown(); }, Qt::BlockingQueuedConnection);
    for (QThread *thread : std::as_const(threads)) {
        thread->quit();
        thread->wait();
    }
    ioWorkers.clear();
    qDeleteAll(workers);
    qDeleteAll(threads);
    workers.clear();
    threads.clear();
    QMutexLocker lock(&mutex);
    connections.clear();
}

IoWorker *Server::Private::workerInCurrentThread() const
{
    // In a message handler the answer is known without asking Qt for the current thread.
    IoWorker *handling = IoWorker::handlingWorker();
    if (handling && ioWorkers.contains(handling))
        return handling;
    for (IoWorker *worker : ioWorkers) {
        if (worker->isCurrentThread())
            return worker;
    }
    return nullptr;
}

IoWorker *Server::Private::nextWorker()
{
    IoWorker *worker = ioWorkers.at(nextWorkerIndex);
    nextWorkerIndex = (nextWorkerIndex + 1) % ioWorkers.size();
    return worker;
}

void Server::Private::onDescriptorAccepted(qintptr descriptor)
{
    QHostAddress address;
    quint16 port = 0;
    if (!peerOfDescriptor(descriptor, &address, &port)) {
        closeDescriptor(descriptor); // reset before we looked at it: nothing to report
        return;
    }
    if (!allowList.allows(address)) {
        refuse(descriptor, address, port, Server::tr("%1 is not in the allowed ranges %2")
                                              .arg(address.toString(), allowList.toString()));
        return;
    }
    if (acceptFilter && !acceptFilter(address, port)) {
        refuse(descriptor, address, port, Server::tr("rejected by the accept filter"));
        return;
    }
    ConnectionEntry entry;
    entry.info.id = nextId++;
    entry.info.peerAddress = address;
    entry.info.peerPort = port;
    entry.info.connectedSince = QDateTime::currentDateTime();
    entry.worker = nextWorker();
    entry.counters = std::make_shared<ConnectionCounters>();
    {
        QMutexLocker lock(&mutex);
        if (maxConnections > 0 && connections.size() >= maxConnections) {
            lock.unlock();
            refuse(descriptor, address, port, Server::tr("the server is full: at most %1 connections").arg(maxConnections));
            return;
        }
        connections.insert(entry.info.id, entry);
    }
    IoWorker *worker = entry.worker;
    const quint64 id = entry.info.id;
    auto counters = entry.counters;
    worker->post([worker, id, descriptor, counters] { worker->addConnection(id, descriptor, counters); });
}

void Server::Private::refuse(qintptr descriptor, const QHostAddress &address, quint16 port, const QString &reason)
{
    closeDescriptor(descriptor);
    Q_EMIT q->connectionRefused(address, port, reason);
}

void Server::Private::onDecoded(quint64 id, const QList<DecodeResult> &results)
{
    QPointer<Server> self(q);
    for (const DecodeResult &result : results) {
        if (result.status == DecodeResult::MessageReady) {
            inbox.push({id, result.message});
            Q_EMIT q->messageReceived(id, result.message);
        } else {
            Error error = result.error;
            error.connection = id;
            report(error);
        }
        if (!self)
            return; // a slot deleted the server
    }
}

void Server::Private::onConnectionClosed(quint64 id, DisconnectReason reason, const QString &detail)
{
    ConnectionInfo info;
    {
        QMutexLocker lock(&mutex);
        const auto it = connections.constFind(id);
        if (it == connections.cend())
            return;
        info = snapshotOf(*it);
        connections.erase(it);
    }
    Q_EMIT q->clientDisconnected(info, reason, detail);
}

void Server::Private::setError(ErrorCode code, const QString &message)
{
    QMutexLocker lock(&mutex);
    error = code;
    errorString = message;
}

void Server::Private::report(Error error)
{
    inbox.pushError(error);
    Q_EMIT q->errorOccurred(error);
}

bool Server::Private::encode(const MessageView &message, QByteArray *bytes)
{
    Error error;
    if (encoder->encode(message, *bytes, &error))
        return true;
    setError(error.code, error.message);
    report(error);
    return false;
}

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
        qWarning("netcore::Server::listen: already listening on port %d", d->acceptor.serverPort());
        return false;
    }
    const QString invalid = d->config.validate();
    if (!invalid.isEmpty()) {
        d->setError(ErrorCode::InvalidConfiguration, invalid);
        return false;
    }
    if (!d->acceptor.listen(address, port)) {
        const bool inUse = d->acceptor.serverError() == QAbstractSocket::AddressInUseError;
        d->setError(inUse ? ErrorCode::AddressInUse : ErrorCode::ListenFailed, d->acceptor.errorString());
        return false;
    }
    d->startWorkers();
    d->acceptingPaused = false;
    d->setError(ErrorCode::NoError, {});
    return true;
}

void Server::close()
{
    d->acceptor.close();
    const QString detail = tr("the server was closed");
    for (IoWorker *worker : d->allWorkers())
        worker->post([worker, detail] { worker->closeAll(DisconnectReason::ServerClosed, detail); });
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
    if (!invalid.isEmpty()) {
        qWarning("netcore::Server::setOutputLimits: %s", qPrintable(invalid));
        return false;
    }
    d->outputLimits = limits;
    for (IoWorker *worker : d->allWorkers())
        worker->post([worker, limits] { worker->setOutputLimits(limits); });
    return true;
}

OutputLimits Server::outputLimits() const { return d->outputLimits; }

void Server::setTlsConfiguration(const QSslConfiguration &configuration, int handshakeTimeout)
{
    if (!d->ioWorkers.isEmpty()) {
        qWarning("netcore::Server::setTlsConfiguration: must be called before listen()");
        return;
    }
    d->tls.enabled = true;
    d->tls.configuration = configuration;
    d->tls.handshakeTimeout = qMax(1, handshakeTimeout);
}

bool Server::isTlsEnabled() const { return d->tls.enabled; }

void Server::setWorkers(int workers)
{
    if (d->acceptor.isListening() || d->localWorker || !d->workers.isEmpty()) {
        qWarning("netcore::Server::setWorkers: must be called before listen()");
        return;
    }
    d->workerCount = qMax(0, workers);
}

int Server::workers() const { return d->workerCount; }

void Server::setMessageHandler(MessageHandler handler)
{
    if (!d->ioWorkers.isEmpty()) {
        qWarning("netcore::Server::setMessageHandler: must be called before listen()");
        return;
    }
    d->messageHandler = std::move(handler);
}

bool Server::send(quint64 connection, const Message &message)
{
    QByteArray channel;
    return send(connection, MessageView::of(message, channel));
}

bool Server::send(quint64 connection, const MessageView &message)
{
    // Fast path: in the I/O thread that owns the connection, encode straight into its output.
    if (IoWorker *worker = d->workerInCurrentThread()) {
        Error error;
        if (worker->writeMessage(connection, message, *d->encoder, &error)) {
            if (!error.isError())
                return true;
            d->setError(error.code, error.message);
            d->report(error);
            return false;
        }
    }
    QByteArray bytes;
    if (!d->encode(message, &bytes))
        return false;
    QMutexLocker lock(&d->mutex);
    const auto it = d->connections.constFind(connection);
    if (it == d->connections.cend()) {
        lock.unlock();
        d->setError(ErrorCode::NotConnected, tr("no connection %1").arg(connection));
        return false;
    }
    IoWorker *worker = it->worker;
    lock.unlock(); // workers outlive connections: safe to post after unlocking
    worker->post([worker, connection, bytes] { worker->write(connection, bytes); });
    return true;
}

int Server::broadcast(const Message &message, quint64 except)
{
    QByteArray channel;
    return broadcast(MessageView::of(message, channel), except);
}

int Server::broadcast(const MessageView &message, quint64 except)
{
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
    QMutexLocker lock(&d->mutex);
    const auto it = d->connections.constFind(connection);
    if (it == d->connections.cend())
        return false;
    IoWorker *worker = it->worker;
    lock.unlock();
    const QString detail = tr("disconnected by the server");
    worker->post([worker, connection, detail] {
        worker->closeConnection(connection, DisconnectReason::ClosedLocally, detail);
    });
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
