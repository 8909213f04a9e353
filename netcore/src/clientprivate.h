#pragma once

#include <netcore/client.h>
#include <netcore/codec.h>
#include <netcore/messageinbox.h>

#include "framereader.h"
#include "outboundledger.h"

#include <QtCore/QMutex>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtCore/QUuid>
#include <QtNetwork/QAbstractSocket>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>

class QTcpSocket;

namespace netcore {

/** Received messages a client keeps for receive() and polling. */
constexpr int clientInboxCapacity = 1024;
/** An attempt (the TLS handshake included) that takes longer fails. */
constexpr int connectTimeoutMsecs = 10000;

/**
 * The client's state and its socket's event handling, in the client's
 * thread; only send() and the counters are reached from other threads.
 */
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
    void onReadyRead() { readFrom(socket); }
    /** Decodes what @p device holds and hands it on: messages, receipts, errors. */
    void readFrom(QIODevice *device);
    /**
     * After an error: what the kernel still holds for the ended connection,
     * read through endWitness. A socket whose write fails first (the peer
     * reset while we were sending) closes without reading it, and the peer's
     * last messages (its last receipts, say) would be lost.
     */
    void readWhatTheKernelKept();
    void onSocketError(QAbstractSocket::SocketError socketError);
    void onDisconnected();
    void onConnectTimeout();
    void write(const QByteArray &bytes);
    /** Writes one message's frame; with receipts, keeps it until confirmed. */
    void writeMessage(const QByteArray &frame);
    /** With receipts, first on a new connection: the hello, then every unconfirmed message again. */
    void resendUnconfirmed();
    /** A message on the receipts' channel; false if it was not a well-formed receipt. */
    bool takeReceipt(const Message &message);
    void flushPending();
    /** A call that cannot take effect: warns, sets error() to @p code and @p why; returns false. */
    bool refuseCall(const char *function, ErrorCode code, const QString &why);
    /**
     * Sets error(), keeps the error in the inbox, and emits errorOccurred() in the
     * client's thread (queued from another thread).
     */
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
    bool receipts = false;
    /** Names this client to the server across reconnects, for the lifetime of the object. */
    const QByteArray session = QUuid::createUuid().toRfc4122();
    OutboundLedger ledger; ///< written only from the client's thread
    int maxPending = defaultMaxPendingMessages;
    ErrorCode error = ErrorCode::NoError;
    QString errorString;
};

} // namespace netcore
