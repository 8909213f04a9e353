#include "serverprivate.h"

#include "deliveryprotocol.h"
#include "epolleventdispatcher.h"
#include "inboxfeed.h"

#include <QtCore/QPointer>
#include <QtCore/QThread>

#include <memory>
#include <vector>

namespace netcore {

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

bool Server::Private::snapshot(quint64 id, bool forget, ConnectionInfo *info)
{
    QMutexLocker lock(&mutex);
    const auto it = connections.constFind(id);
    if (it == connections.cend())
        return false;
    *info = snapshotOf(*it);
    if (forget)
        connections.erase(it);
    return true;
}

IoWorker *Server::Private::workerOf(quint64 connection)
{
    QMutexLocker lock(&mutex);
    const auto it = connections.constFind(connection);
    if (it != connections.cend())
        return it->worker;
    lock.unlock();
    setError(ErrorCode::NotConnected, Server::tr("no connection %1").arg(connection));
    return nullptr;
}

IoWorker::OpenHandler Server::Private::openHandler()
{
    if (!connectionHandler)
        return {};
    return [this, handler = connectionHandler](quint64 id) {
        ConnectionInfo info;
        if (snapshot(id, false, &info))
            handler(info);
    };
}

bool Server::Private::startWorkers(QString *why)
{
    auto wire = [this](IoWorker *worker) {
        QObject::connect(worker, &IoWorker::connectionOpened, q, [this](quint64 id) {
            ConnectionInfo info;
            if (snapshot(id, false, &info))
                Q_EMIT q->clientConnected(info);
        });
        QObject::connect(worker, &IoWorker::decoded, q, [this, worker](quint64 id, const QList<DecodeResult> &results) {
            // Taken before it is delivered: a slot may delete the server, its workers with it.
            if (worker->deliveryGate().take(DeliveryGate::loadOf(results)))
                worker->post([worker] { worker->resumeDelivery(); });
            onDecoded(id, results);
        });
        QObject::connect(worker, &IoWorker::connectionClosed, q,
                         [this](quint64 id, DisconnectReason reason, const QString &detail) {
                             onConnectionClosed(id, reason, detail);
                         });
    };
    if (workerCount == 0) {
        if (!localWorker) {
            localWorker = std::make_unique<IoWorker>(config);
            localWorker->setMessageHandler(messageHandler);
            localWorker->setOpenHandler(openHandler());
            localWorker->setOutputLimits(outputLimits);
            localWorker->setTls(tls);
            wire(localWorker.get());
            ioWorkers = {localWorker.get()};
        }
        localWorker->setIdleTimeout(idleTimeout);
        return true;
    }
    if (!workers.isEmpty())
        return true;
    // Every thread's dispatcher first: a process out of descriptors fails here, before any
    // thread started, and there is nothing to stop.
    std::vector<std::unique_ptr<QAbstractEventDispatcher>> dispatchers(static_cast<size_t>(workerCount));
    for (int i = 0; i < workerCount; ++i) {
        QString reason;
        if (!createIoEventDispatcher(&dispatchers[size_t(i)], &reason)) {
            *why = Server::tr("cannot start I/O thread %1 of %2: %3").arg(i + 1).arg(workerCount).arg(reason);
            return false;
        }
    }
    for (int i = 0; i < workerCount; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("netcore-io-%1").arg(i));
        auto *worker = new IoWorker(config);
        worker->setMessageHandler(messageHandler);
        worker->setOpenHandler(openHandler());
        worker->setOutputLimits(outputLimits); // before the thread starts: no race
        worker->setTls(tls);
        worker->moveToThread(thread);
        wire(worker);
        if (dispatchers[size_t(i)]) // none: NETCORE_EVENT_DISPATCHER=qt keeps Qt's
            thread->setEventDispatcher(dispatchers[size_t(i)].release());
        thread->start();
        if (!thread->isRunning()) {
            delete worker; // its thread never ran: nothing to stop there
            delete thread;
            *why = Server::tr("cannot start I/O thread %1 of %2: %3")
                       .arg(i + 1).arg(workerCount).arg(Server::tr("the system refused a new thread"));
            ioWorkers = workers;
            stopWorkers(); // the ones started before
            return false;
        }
        const int timeout = idleTimeout;
        worker->post([worker, timeout] { worker->setIdleTimeout(timeout); });
        threads.append(thread);
        workers.append(worker);
    }
    ioWorkers = workers;
    return true;
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
    bool confirm = false;
    for (const DecodeResult &result : results) {
        if (result.status == DecodeResult::MessageReady) {
            confirm = receipts;
            if (receipts && !admit(id, result.message))
                continue;
            InboxFeed::push(inbox, {id, result.message});
            Q_EMIT q->messageReceived(id, result.message);
        } else {
            Error error = result.error;
            error.connection = id;
            report(error);
        }
        if (!self)
            return; // a slot deleted the server
    }
    // One receipt per read: it covers the batch, and the repeats that were dropped.
    if (confirm && sessions.isTracked(id)) {
        QByteArray channel;
        sendFrame(id, MessageView::of(DeliveryProtocol::receiptMessage(sessions.deliveredOf(id)), channel));
    }
}

bool Server::Private::admit(quint64 id, const Message &message)
{
    if (!DeliveryProtocol::isControl(message))
        return sessions.admit(id);
    DeliveryProtocol::Hello hello;
    if (DeliveryProtocol::parseHello(message, &hello)) {
        sessions.open(id, hello);
    } else {
        Error error(ErrorCode::InvalidReceipt, Server::tr("a malformed delivery hello was dropped"), message.payload());
        error.connection = id;
        report(error);
    }
    return false;
}

void Server::Private::closeWhenDelivered(IoWorker *worker, const QString &detail)
{
    // Queued behind every batch this worker decoded before it stopped reading: those were
    // delivered and their receipts posted to the worker, ahead of this close.
    worker->post([worker, detail] { worker->closeAll(DisconnectReason::ServerClosed, detail); });
}

void Server::Private::onConnectionClosed(quint64 id, DisconnectReason reason, const QString &detail)
{
    ConnectionInfo info;
    if (!snapshot(id, true, &info))
        return;
    sessions.close(id);
    Q_EMIT q->clientDisconnected(info, reason, detail);
}

void Server::Private::setError(ErrorCode code, const QString &message)
{
    QMutexLocker lock(&mutex);
    error = code;
    errorString = message;
}

bool Server::Private::refuseCall(const char *function, ErrorCode code, const QString &why)
{
    qWarning("netcore::Server::%s: %s", function, qPrintable(why));
    setError(code, why);
    return false;
}

void Server::Private::report(Error error)
{
    setError(error.code, error.message);
    InboxFeed::pushError(inbox, error);
    if (QThread::currentThread() == q->thread()) {
        Q_EMIT q->errorOccurred(error);
        return;
    }
    // send() or broadcast() from another thread, or a message handler in an I/O thread:
    // signals are emitted in the server's thread only.
    Server *server = q;
    QMetaObject::invokeMethod(
        server, [server, error] { Q_EMIT server->errorOccurred(error); }, Qt::QueuedConnection);
}

bool Server::Private::sendFrame(quint64 connection, const MessageView &message)
{
    // Fast path: in the I/O thread that owns the connection, encode straight into its output.
    if (IoWorker *worker = workerInCurrentThread()) {
        Error error;
        if (worker->writeMessage(connection, message, *encoder, &error)) {
            if (!error.isError())
                return true;
            report(error);
            return false;
        }
    }
    QByteArray bytes;
    if (!encode(message, &bytes))
        return false;
    QMutexLocker lock(&mutex);
    const auto it = connections.constFind(connection);
    if (it == connections.cend()) {
        lock.unlock();
        setError(ErrorCode::NotConnected, Server::tr("no connection %1").arg(connection));
        return false;
    }
    IoWorker *worker = it->worker;
    lock.unlock(); // workers outlive connections: safe to post after unlocking
    // Moved, not shared: the only reference lives in the I/O thread, where the socket's buffer may keep it.
    worker->post([worker, connection, bytes = std::move(bytes)] { worker->write(connection, bytes); });
    return true;
}

bool Server::Private::refusesReservedChannel(const MessageView &message, quint64 connection)
{
    if (!receipts || !DeliveryProtocol::isControlChannel(message.channelUtf8()))
        return false;
    Error error = DeliveryProtocol::reservedChannelError();
    error.connection = connection;
    report(error);
    return true;
}

bool Server::Private::encode(const MessageView &message, QByteArray *bytes)
{
    Error error;
    if (encoder->encode(message, *bytes, &error))
        return true;
    report(error);
    return false;
}

} // namespace netcore
