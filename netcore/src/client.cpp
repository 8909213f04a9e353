#include <netcore/client.h>

#include <netcore/messageinbox.h>

#include "framereader.h"
#include "peerend.h"

#include <QtCore/QEventLoop>
#include <QtCore/QMutex>
#include <QtCore/QPointer>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtNetwork/QSslSocket>

#include <atomic>
#include <fcntl.h>
#include <unistd.h>
#include <deque>
#include <functional>

namespace netcore {

namespace {
constexpr int clientInboxCapacity = 1024;
constexpr int connectTimeoutMsecs = 10000;

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

class Client::Private
{
public:
    Private(Client *client, const CodecConfig &codec)
        : q(client), config(codec), encoder(Codec::create(codec)), reconnectTimer(client), connectTimer(client)
    {
        reconnectTimer.setSingleShot(true);
        connectTimer.setSingleShot(true);
        connectTimer.setInterval(connectTimeoutMsecs);
    }

    /** A QSslSocket when TLS is on (its "connected" is the end of the handshake), else a QTcpSocket. */
    void makeSocket();

    bool inOwnThread() const { return QThread::currentThread() == q->thread(); }
    void setState(State next);
    void startAttempt();
    void scheduleReconnect();
    void onConnected();
    void onReadyRead();
    void onSocketError(QAbstractSocket::SocketError socketError);
    void onDisconnected();
    void onConnectTimeout();
    void write(const QByteArray &bytes);
    void flushPending();
    void report(ErrorCode code, const QString &message, const QByteArray &raw = {});
    bool waitUntil(const std::function<bool()> &done, int msecs);

    Client *q;
    const CodecConfig config;
    const std::unique_ptr<Codec> encoder;
    QTcpSocket *socket = nullptr;
    bool tls = false;
    QSslConfiguration tlsConfiguration;
    std::unique_ptr<FrameReader> reader;
    QTimer reconnectTimer;
    QTimer connectTimer;
    QString host;
    quint16 port = 0;
    std::atomic<State> state{State::Disconnected};
    bool wantConnected = false;
    bool autoReconnect = false;
    int initialDelay = 100;
    int maxDelay = 5000;
    int nextDelay = 100;
    bool lossReported = false;
    /**
     * A duplicate of the connected socket's descriptor: QTcpSocket closes its own
     * before it reports the end, and this one still tells a reset from a close.
     */
    int endWitness = -1;
    void closeEndWitness();
    DisconnectReason lossReason = DisconnectReason::PeerClosed;
    QString lossDetail;
    MessageInbox inbox{clientInboxCapacity};

    std::atomic<quint64> messagesIn{0}, messagesOut{0}, bytesIn{0}, bytesOut{0};
    std::atomic<bool> flushScheduled{false};

    mutable QMutex mutex; // guards the fields below: send() comes from any thread
    std::deque<QByteArray> pending;
    int maxPending = defaultMaxPendingMessages;
    ErrorCode error = ErrorCode::NoError;
    QString errorString;
};

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
    flushPending();
    Q_EMIT q->connected();
}

void Client::Private::onReadyRead()
{
    if (!reader || reader->hasFailed())
        return;
    FrameReader::Batch batch = reader->readFrom(socket);
    bytesIn += quint64(batch.bytesRead);
    messagesIn += quint64(batch.messageCount);
    QPointer<Client> self(q);
    for (const DecodeResult &result : std::as_const(batch.results)) {
        if (result.status == DecodeResult::MessageReady) {
            inbox.push({0, result.message});
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

void Client::Private::onSocketError(QAbstractSocket::SocketError socketError)
{
    connectTimer.stop();
    if (state == State::Connected) {
        // The loss itself is reported by onDisconnected(); a reset is also an error.
        // Asked first: the descriptor closes once the socket handles the end.
        const bool peerEnded = socketError == QAbstractSocket::RemoteHostClosedError;
        const bool reset = peerEnded && peerEndOf(endWitness, true) == PeerEnd::Reset;
        onReadyRead();
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
    report(code, (code == ErrorCode::TlsFailed ? Client::tr("TLS handshake with %1:%2 failed: %3")
                                               : Client::tr("cannot connect to %1:%2: %3"))
                     .arg(host).arg(port).arg(socket->errorString()));
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
    report(ErrorCode::Timeout, Client::tr("cannot connect to %1:%2: no answer within %3 ms")
                                   .arg(host).arg(port).arg(connectTimeoutMsecs));
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
        write(bytes);
}

void Client::Private::report(ErrorCode code, const QString &message, const QByteArray &raw)
{
    Error reported(code, message, raw);
    {
        QMutexLocker lock(&mutex);
        error = code;
        errorString = message;
    }
    inbox.pushError(reported);
    Q_EMIT q->errorOccurred(reported);
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
    QObject::connect(socket, &QTcpSocket::bytesWritten, &loop, check);
    QTimer::singleShot(msecs, &loop, &QEventLoop::quit);
    loop.exec();
    if (!satisfied)
        satisfied = done();
    return satisfied;
}

Client::Client(const CodecConfig &codec, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, codec))
{
    d->makeSocket();
    connect(&d->reconnectTimer, &QTimer::timeout, this, [this] { d->startAttempt(); });
    connect(&d->connectTimer, &QTimer::timeout, this, [this] { d->onConnectTimeout(); });
}

Client::~Client()
{
    d->wantConnected = false;
    QObject::disconnect(d->socket, nullptr, this, nullptr); // no signals from a dying client
    d->socket->abort();
    d->closeEndWitness();
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

void Client::setTlsConfiguration(const QSslConfiguration &configuration)
{
    if (d->state != State::Disconnected)
        qWarning("netcore::Client::setTlsConfiguration: takes effect at the next connectToHost()");
    d->tls = true;
    d->tlsConfiguration = configuration;
    d->wantConnected = false;
    d->reconnectTimer.stop();
    d->connectTimer.stop();
    d->makeSocket();
}

bool Client::isTlsEnabled() const { return d->tls; }

void Client::connectToHost(const QString &host, quint16 port)
{
    const QString invalid = d->config.validate();
    if (!invalid.isEmpty()) {
        d->report(ErrorCode::InvalidConfiguration, invalid);
        return;
    }
    d->host = host;
    d->port = port;
    d->wantConnected = true;
    d->nextDelay = d->initialDelay;
    d->reconnectTimer.stop();
    d->setState(State::Disconnected);
    d->startAttempt();
}

void Client::disconnectFromHost()
{
    d->wantConnected = false;
    d->reconnectTimer.stop();
    d->connectTimer.stop();
    if (d->state == State::Connected) {
        d->lossReason = DisconnectReason::ClosedLocally;
        d->lossDetail = tr("disconnected by the client");
        d->socket->disconnectFromHost();
        if (d->socket->state() == QAbstractSocket::UnconnectedState)
            d->onDisconnected();
    } else {
        d->socket->abort();
        d->setState(State::Disconnected);
    }
}

Client::State Client::state() const { return d->state; }
QString Client::peerName() const { return d->host; }
quint16 Client::localPort() const { return d->socket->localPort(); }
quint16 Client::peerPort() const { return d->port; }
CodecConfig Client::codecConfig() const { return d->config; }
void Client::setAutoReconnect(bool enabled) { d->autoReconnect = enabled; }
bool Client::autoReconnect() const { return d->autoReconnect; }

void Client::setReconnectDelays(int initialMsecs, int maxMsecs)
{
    d->initialDelay = qMax(1, initialMsecs);
    d->maxDelay = qMax(d->initialDelay, maxMsecs);
    d->nextDelay = d->initialDelay;
}

void Client::setMaxPendingMessages(int max)
{
    QMutexLocker lock(&d->mutex);
    d->maxPending = qMax(0, max);
}

int Client::pendingMessageCount() const
{
    QMutexLocker lock(&d->mutex);
    return int(d->pending.size());
}

bool Client::send(const Message &message)
{
    QByteArray bytes;
    Error encodeError;
    if (!d->encoder->encode(message, bytes, &encodeError)) {
        d->report(encodeError.code, encodeError.message);
        return false;
    }
    const bool ownThread = d->inOwnThread();
    {
        QMutexLocker lock(&d->mutex);
        if (ownThread && d->state == State::Connected && d->pending.empty()) {
            lock.unlock();
            d->write(bytes);
            return true;
        }
        if (int(d->pending.size()) >= d->maxPending) {
            lock.unlock();
            d->report(ErrorCode::SendQueueFull,
                      tr("send queue full (%1 messages waiting for a connection)").arg(d->maxPending));
            return false;
        }
        d->pending.push_back(std::move(bytes));
    }
    if (ownThread)
        d->flushPending();
    else if (!d->flushScheduled.exchange(true))
        QMetaObject::invokeMethod(this, [this] { d->flushPending(); }, Qt::QueuedConnection);
    return true;
}

bool Client::waitForConnected(int msecs)
{
    // Without auto-reconnect, a failed attempt ends the wait early.
    return d->waitUntil([this] { return d->state == State::Connected || d->state == State::Disconnected; },
                        msecs)
        && d->state == State::Connected;
}

bool Client::waitForDisconnected(int msecs)
{
    return d->waitUntil([this] { return d->state != State::Connected; }, msecs);
}

bool Client::waitForSent(int msecs)
{
    return d->waitUntil([this] { return pendingMessageCount() == 0 && d->socket->bytesToWrite() == 0; }, msecs);
}

std::optional<Message> Client::receive(int msecs)
{
    ReceivedMessage received;
    const bool got = d->waitUntil([&] { return d->inbox.waitAndTake(0, &received); }, msecs);
    return got ? std::optional<Message>(received.message) : std::nullopt;
}

MessageInbox &Client::inbox() { return d->inbox; }
quint64 Client::messagesIn() const { return d->messagesIn; }
quint64 Client::messagesOut() const { return d->messagesOut; }
quint64 Client::bytesIn() const { return d->bytesIn; }
quint64 Client::bytesOut() const { return d->bytesOut; }

ErrorCode Client::error() const
{
    QMutexLocker lock(&d->mutex);
    return d->error;
}

QString Client::errorString() const
{
    QMutexLocker lock(&d->mutex);
    return d->errorString;
}

} // namespace netcore
