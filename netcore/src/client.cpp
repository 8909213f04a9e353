#include <netcore/client.h>

#include "clientprivate.h"
#include "deliveryprotocol.h"

#include <QtNetwork/QTcpSocket>

namespace netcore {

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

bool Client::setTlsConfiguration(const QSslConfiguration &configuration)
{
    // Swapping the socket under a live connection would end it without a word (no disconnected(),
    // the state stuck): the user closes it first, and hears of it as of any other close.
    if (d->state != State::Disconnected) {
        return d->refuseCall("setTlsConfiguration", ErrorCode::InvalidConfiguration,
                             tr("refused while connected or connecting: call disconnectFromHost() first"));
    }
    d->tls = true;
    d->tlsConfiguration = configuration;
    d->makeSocket();
    return true;
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

bool Client::setDeliveryReceipts(bool enabled)
{
    if (d->config.kind != CodecConfig::Kind::Envelope) {
        return d->refuseCall("setDeliveryReceipts", ErrorCode::InvalidConfiguration,
                             tr("needs the envelope codec (its channels carry the receipts)"));
    }
    if (d->state != State::Disconnected)
        qWarning("netcore::Client::setDeliveryReceipts: takes effect at the next connection");
    d->receipts = enabled;
    return true;
}

bool Client::deliveryReceipts() const { return d->receipts; }

void Client::setMaxPendingMessages(int max)
{
    QMutexLocker lock(&d->mutex);
    d->maxPending = qMax(0, max);
}

int Client::maxPendingMessages() const
{
    QMutexLocker lock(&d->mutex);
    return d->maxPending;
}

int Client::unconfirmedMessageCount() const
{
    QMutexLocker lock(&d->mutex);
    return d->ledger.size();
}

int Client::pendingMessageCount() const
{
    QMutexLocker lock(&d->mutex);
    return int(d->pending.size());
}

bool Client::send(const Message &message)
{
    if (d->receipts && DeliveryProtocol::isControl(message)) {
        const Error refused = DeliveryProtocol::reservedChannelError();
        d->report(refused.code, refused.message);
        return false;
    }
    QByteArray bytes;
    Error encodeError;
    if (!d->encoder->encode(message, bytes, &encodeError)) {
        d->report(encodeError.code, encodeError.message);
        return false;
    }
    const bool ownThread = d->inOwnThread();
    {
        QMutexLocker lock(&d->mutex);
        const bool direct = ownThread && d->state == State::Connected && d->pending.empty();
        // With receipts, what waits for its receipt is held too: the bound covers both.
        if ((d->receipts || !direct) && int(d->pending.size()) + d->ledger.size() >= d->maxPending) {
            lock.unlock();
            d->report(ErrorCode::SendQueueFull,
                      d->receipts ? tr("send queue full (%1 messages waiting for a connection or a receipt)")
                                        .arg(d->maxPending)
                                  : tr("send queue full (%1 messages waiting for a connection)").arg(d->maxPending));
            return false;
        }
        if (direct) {
            lock.unlock();
            d->writeMessage(bytes);
            return true;
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

bool Client::waitForDelivered(int msecs)
{
    return d->waitUntil([this] { return pendingMessageCount() == 0 && unconfirmedMessageCount() == 0; }, msecs);
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
