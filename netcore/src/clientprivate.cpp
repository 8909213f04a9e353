#include "clientprivate.h"

#include <netcore/endpoint.h>

#include "deliveryprotocol.h"
#include "inboxfeed.h"
#include "peerend.h"

#include <QtCore/QBuffer>
#include <QtCore/QEventLoop>
#include <QtCore/QPointer>
#include <QtNetwork/QSslSocket>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace netcore {

namespace {

ErrorCode errorCodeOf(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError: return ErrorCode::ConnectionRefused;
    case QAbstractSocket::HostNotFoundError: return ErrorCode::HostNotFound;
    case QAbstractSocket::SocketTimeoutError: return ErrorCode::Timeout;
    case QAbstractSocket::RemoteHostClosedError: return ErrorCode::RemoteClosed;
    case QAbstractSocket::NetworkError: return ErrorCode::NetworkError;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError: return ErrorCode::TlsFailed;
    default: return ErrorCode::SocketError;
    }
}
} // namespace

void Client::Private::setState(State next)
{
    if (state.exchange(next) != next)
        Q_EMIT q->stateChanged(next);
}

void Client::Private::startAttempt()
{
    reader = std::make_unique<FrameReader>(config);
    lossReported = false;
    socket->abort();
    setState(state == State::Disconnected || state == State::Connecting ? State::Connecting
                                                                        : State::Reconnecting);
    connectTimer.start(); // the TLS handshake included
    if (tls) {
        auto *secure = static_cast<QSslSocket *>(socket);
        secure->setSslConfiguration(tlsConfiguration);
        secure->connectToHostEncrypted(host, port);
    } else {
        socket->connectToHost(host, port);
    }
}

void Client::Private::scheduleReconnect()
{
    setState(State::Reconnecting);
    reconnectTimer.start(nextDelay);
    nextDelay = qMin(nextDelay * 2, maxDelay);
}

void Client::Private::onConnected()
{
    connectTimer.stop();
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    closeEndWitness();
    endWitness = ::fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    nextDelay = initialDelay;
    setState(State::Connected);
    if (receipts)
        resendUnconfirmed();
    flushPending();
    Q_EMIT q->connected();
}

void Client::Private::readFrom(QIODevice *device)
{
    if (!reader || reader->hasFailed())
        return;
    FrameReader::Batch batch = reader->readFrom(device);
    bytesIn += quint64(batch.bytesRead);
    messagesIn += quint64(batch.messageCount);
    QPointer<Client> self(q);
    for (const DecodeResult &result : std::as_const(batch.results)) {
        if (result.status == DecodeResult::MessageReady && receipts && DeliveryProtocol::isControl(result.message)) {
            if (!takeReceipt(result.message))
                report(ErrorCode::InvalidReceipt, Client::tr("a malformed delivery receipt was dropped"),
                       result.message.payload());
        } else if (result.status == DecodeResult::MessageReady) {
            InboxFeed::push(inbox, {0, result.message});
            Q_EMIT q->messageReceived(result.message);
        } else {
            report(result.error.code, result.error.message, result.error.rawFrame);
        }
        if (!self)
            return;
    }
    if (batch.streamFailed) {
        lossReason = DisconnectReason::StreamError;
        lossDetail = batch.results.last().error.message;
        lossReported = false;
        socket->abort();
        onDisconnected();
    }
}

void Client::Private::readWhatTheKernelKept()
{
    // Under TLS the kernel holds ciphertext, which only the socket can decrypt.
    if (tls || endWitness < 0)
        return;
    QByteArray kept = netcore::readWhatTheKernelKept(endWitness);
    if (kept.isEmpty())
        return;
    QBuffer device(&kept);
    device.open(QIODevice::ReadOnly);
    readFrom(&device);
}

void Client::Private::onSocketError(QAbstractSocket::SocketError socketError)
{
    connectTimer.stop();
    if (state == State::Connected) {
        // The loss itself is reported by onDisconnected(); a reset is also an error.
        // Asked first: the descriptor closes once the socket handles the end.
        const bool peerEnded = socketError == QAbstractSocket::RemoteHostClosedError;
        const bool reset = peerEnded && peerEndOf(endWitness, true) == PeerEnd::Reset;
        QPointer<Client> self(q);
        onReadyRead(); // what the socket read, then what it left in the kernel: in order
        if (self)
            readWhatTheKernelKept();
        if (!self)
            return; // a slot deleted the client
        if (reset) {
            lossReason = DisconnectReason::PeerReset;
            lossDetail = Client::tr("the peer reset the connection (RST)");
            report(ErrorCode::ConnectionReset, lossDetail);
        } else if (peerEnded) {
            lossReason = DisconnectReason::PeerClosed;
            lossDetail = Client::tr("the peer closed the connection (FIN: an orderly close, or a half-close)");
        } else {
            lossReason = DisconnectReason::SocketError;
            lossDetail = socket->errorString();
            report(errorCodeOf(socketError), socket->errorString());
        }
        if (socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
        return;
    }
    if (state == State::Disconnected)
        return;
    const ErrorCode code = errorCodeOf(socketError);
    report(code, (code == ErrorCode::TlsFailed ? Client::tr("TLS handshake with %1 failed: %2")
                                               : Client::tr("cannot connect to %1: %2"))
                     .arg(Endpoint::format(host, port), socket->errorString()));
    if (wantConnected && autoReconnect)
        scheduleReconnect();
    else
        setState(State::Disconnected);
}

void Client::Private::closeEndWitness()
{
    if (endWitness >= 0)
        ::close(endWitness);
    endWitness = -1;
}

void Client::Private::onDisconnected()
{
    if (lossReported || state != State::Connected)
        return;
    lossReported = true;
    closeEndWitness(); // now the peer sees our end too
    Q_EMIT q->disconnected(lossReason, lossDetail);
    if (wantConnected && autoReconnect)
        scheduleReconnect();
    else
        setState(State::Disconnected);
}

void Client::Private::onConnectTimeout()
{
    socket->abort();
    report(ErrorCode::Timeout, Client::tr("cannot connect to %1: no answer within %2 ms")
                                   .arg(Endpoint::format(host, port)).arg(connectTimeoutMsecs));
    if (wantConnected && autoReconnect)
        scheduleReconnect();
    else
        setState(State::Disconnected);
}

void Client::Private::write(const QByteArray &bytes)
{
    socket->write(bytes);
    bytesOut += quint64(bytes.size());
    ++messagesOut;
}

void Client::Private::writeMessage(const QByteArray &frame)
{
    write(frame);
    if (receipts) {
        QMutexLocker lock(&mutex);
        ledger.append(frame);
    }
}

void Client::Private::resendUnconfirmed()
{
    QByteArray hello;
    Error error;
    encoder->encode(DeliveryProtocol::helloMessage({session, ledger.firstUnconfirmed()}), hello, &error);
    socket->write(hello);
    bytesOut += quint64(hello.size());
    for (const QByteArray &frame : ledger.unconfirmed())
        write(frame);
}

bool Client::Private::takeReceipt(const Message &message)
{
    quint64 delivered = 0;
    if (!DeliveryProtocol::parseReceipt(message, &delivered))
        return false;
    int confirmed = 0;
    {
        QMutexLocker lock(&mutex);
        confirmed = ledger.confirm(delivered);
    }
    if (confirmed > 0)
        Q_EMIT q->messagesConfirmed(confirmed);
    return true;
}

void Client::Private::flushPending()
{
    flushScheduled = false;
    if (state != State::Connected)
        return;
    std::deque<QByteArray> batch;
    {
        QMutexLocker lock(&mutex);
        batch.swap(pending);
    }
    for (const QByteArray &bytes : batch)
        writeMessage(bytes);
}

bool Client::Private::refuseCall(const char *function, ErrorCode code, const QString &why)
{
    qWarning("netcore::Client::%s: %s", function, qPrintable(why));
    QMutexLocker lock(&mutex);
    error = code;
    errorString = why;
    return false;
}

void Client::Private::report(ErrorCode code, const QString &message, const QByteArray &raw)
{
    Error reported(code, message, raw);
    {
        QMutexLocker lock(&mutex);
        error = code;
        errorString = message;
    }
    InboxFeed::pushError(inbox, reported);
    if (inOwnThread()) {
        Q_EMIT q->errorOccurred(reported);
        return;
    }
    // A send() from another thread that was refused: signals are emitted in the client's thread only.
    Client *client = q;
    QMetaObject::invokeMethod(
        client, [client, reported] { Q_EMIT client->errorOccurred(reported); }, Qt::QueuedConnection);
}

bool Client::Private::waitUntil(const std::function<bool()> &done, int msecs)
{
    // done() may consume (receive() takes a message), so it must not succeed twice.
    bool satisfied = done();
    if (satisfied)
        return true;
    QEventLoop loop;
    auto check = [&] {
        if (!satisfied && done()) {
            satisfied = true;
            loop.quit();
        }
    };
    QObject::connect(q, &Client::stateChanged, &loop, check);
    QObject::connect(q, &Client::messageReceived, &loop, check);
    QObject::connect(q, &Client::errorOccurred, &loop, check);
    QObject::connect(q, &Client::messagesConfirmed, &loop, check);
    QObject::connect(socket, &QTcpSocket::bytesWritten, &loop, check);
    QTimer::singleShot(msecs, &loop, &QEventLoop::quit);
    loop.exec();
    if (!satisfied)
        satisfied = done();
    return satisfied;
}

void Client::Private::makeSocket()
{
    if (socket) {
        QObject::disconnect(socket, nullptr, q, nullptr);
        socket->abort();
        socket->deleteLater();
    }
    socket = tls ? new QSslSocket(q) : new QTcpSocket(q);
    if (tls)
        QObject::connect(static_cast<QSslSocket *>(socket), &QSslSocket::encrypted, q, [this] { onConnected(); });
    else
        QObject::connect(socket, &QTcpSocket::connected, q, [this] { onConnected(); });
    QObject::connect(socket, &QTcpSocket::readyRead, q, [this] { onReadyRead(); });
    QObject::connect(socket, &QTcpSocket::errorOccurred, q,
                     [this](QAbstractSocket::SocketError error) { onSocketError(error); });
    // However the socket ended (after errorOccurred, which still needs the witness), let it go.
    QObject::connect(socket, &QTcpSocket::stateChanged, q, [this](QAbstractSocket::SocketState socketState) {
        if (socketState == QAbstractSocket::UnconnectedState)
            closeEndWitness();
    });
    QObject::connect(socket, &QTcpSocket::disconnected, q, [this] { onDisconnected(); });
}

} // namespace netcore
