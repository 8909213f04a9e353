#pragma once

#include <netcore/codecconfig.h>
#include <netcore/error.h>
#include <netcore/message.h>

#include <QtCore/QObject>
#include <QtNetwork/QSslConfiguration>

#include <memory>
#include <optional>

namespace netcore {

class MessageInbox;

/**
 * A TCP client that speaks one codec, with optional auto-reconnect.
 *
 * The socket lives in the client's thread, and every signal is emitted
 * there (the errorOccurred() of a send() refused in another thread is queued
 * to it). send() is safe from any thread; while the client is not connected,
 * messages wait in a bounded queue and go out in order once it is (a full
 * queue is an error, never a silent drop).
 *
 * The blocking helpers (waitForConnected(), receive()) run a local event
 * loop, for scripts and tests; GUI code uses the signals.
 */
class NETCORE_EXPORT Client : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(Client)

public:
    /** Where the client is; stateChanged() reports every change. */
    enum class State {
        Disconnected,  ///< idle, or closed for good
        Connecting,    ///< first connection attempt under way
        Connected,     ///< up (with TLS: the handshake finished)
        Reconnecting,  ///< lost or refused; waiting for the next attempt
    };
    Q_ENUM(State)

    /** The default of maxPendingMessages(). */
    static constexpr int defaultMaxPendingMessages = 10000;

    /** A disconnected client for @p codec (checked at connectToHost()); its socket lives in its thread. */
    explicit Client(const CodecConfig &codec = CodecConfig::envelope(), QObject *parent = nullptr);
    ~Client() override;

    /** Starts connecting (asynchronously); connected() or errorOccurred() follows. */
    void connectToHost(const QString &host, quint16 port);
    /**
     * Connects with TLS from now on (TlsFiles::clientConfiguration() builds
     * one from a CA file). The server's certificate is checked against
     * @p configuration's CAs and the host name; a failed check, or a
     * handshake that fails, is an error with the code TlsFailed. Set it in
     * the Disconnected state (before connectToHost(), or after
     * disconnectFromHost()); in any other state it is refused: false, a
     * warning, error() InvalidConfiguration, and the connection or attempt
     * goes on as it was.
     */
    bool setTlsConfiguration(const QSslConfiguration &configuration);
    /** True once setTlsConfiguration() was called. */
    bool isTlsEnabled() const;
    /** Closes the connection and stops reconnecting. Pending messages stay queued. */
    void disconnectFromHost();

    /** The current state; any thread. */
    State state() const;
    /** True in the Connected state. */
    bool isConnected() const { return state() == State::Connected; }
    /** The host given to connectToHost(), as given; empty before. */
    QString peerName() const;
    /** The port given to connectToHost(). */
    quint16 peerPort() const;
    /** This side's port while connected (what the server sees as the peer port); 0 otherwise. */
    quint16 localPort() const;
    /** The codec given to the constructor. */
    CodecConfig codecConfig() const;

    /** Reconnect after a loss or a failed attempt, with capped exponential backoff. */
    void setAutoReconnect(bool enabled);
    /** Off by default: a lost connection stays lost. */
    bool autoReconnect() const;
    /** The first retry waits @p initialMsecs; each next one twice as long, up to @p maxMsecs (100, 5000). */
    void setReconnectDelays(int initialMsecs, int maxMsecs);

    /**
     * Delivery receipts, for messages that must arrive once whatever happens
     * to the connection (the server must turn them on too; envelope codec
     * only). The server confirms what it delivered; the client keeps each
     * message until then and, after a reconnect, sends the unconfirmed ones
     * again first, in order. The server delivers a repeat only once, so
     * nothing is lost or doubled across lost connections and graceful server
     * restarts. A server process that dies without closing (SIGKILL, a crash)
     * may deliver again what it had not confirmed yet. Unconfirmed messages
     * count against maxPendingMessages(). Set it while disconnected; false
     * (no change, a warning, and error() InvalidConfiguration) if the codec
     * has no channels. The channel "netcore.delivery" is reserved for the
     * receipts: with them on, send() refuses it (InvalidChannelName).
     */
    bool setDeliveryReceipts(bool enabled);
    /** Whether setDeliveryReceipts() turned them on. */
    bool deliveryReceipts() const;

    /** Bound of the queue of messages sent while not connected (or, with receipts, not yet confirmed). */
    void setMaxPendingMessages(int max);
    /** defaultMaxPendingMessages unless changed. */
    int maxPendingMessages() const;
    /** Messages waiting for a connection. */
    int pendingMessageCount() const;
    /** With delivery receipts: messages written but not confirmed by the server yet. */
    int unconfirmedMessageCount() const;

    /**
     * Sends now if connected, else queues. Thread-safe. Returns false (and
     * reports SendQueueFull, MessageTooLarge, or InvalidChannelName for the
     * receipts' channel) if the message was not taken.
     */
    bool send(const Message &message);

    /** Waits up to @p msecs for the Connected state; without auto-reconnect a failed attempt ends it (false). */
    bool waitForConnected(int msecs = 30000);
    /** Waits up to @p msecs for the state to leave Connected. */
    bool waitForDisconnected(int msecs = 30000);
    /** Waits up to @p msecs until every queued and sent byte was handed to the network. */
    bool waitForSent(int msecs = 30000);
    /** With delivery receipts: waits up to @p msecs until the server confirmed every message. */
    bool waitForDelivered(int msecs = 30000);
    /** The oldest message of the inbox, waiting up to @p msecs for one (none if the inbox is off). */
    std::optional<Message> receive(int msecs = 30000);

    /** Received messages and errors kept for polling: the latest 1024 (setCapacity(0): signals only). */
    MessageInbox &inbox();

    /** Messages received since construction, across connections (receipts included); any thread. */
    quint64 messagesIn() const;
    /** Messages written since construction (a resent one again); any thread. */
    quint64 messagesOut() const;
    /** Bytes read since construction (after TLS decryption); any thread. */
    quint64 bytesIn() const;
    /** Bytes written to the socket since construction; any thread. */
    quint64 bytesOut() const;

    /**
     * The error of the latest failed call (one that returned false, but for a wait that ran
     * out of time) or asynchronous failure (errorOccurred()); NoError before the first.
     * A later success leaves it as it is: a call's result says whether that call failed.
     * The same on Server. Thread-safe.
     */
    ErrorCode error() const;
    /** error() in words; empty before the first failure. Thread-safe. */
    QString errorString() const;

Q_SIGNALS:
    /** The connection is up (with TLS: verified); what was queued has been written. */
    void connected();
    /**
     * A connection that was up ended: @p reason, and @p detail in words. A failed
     * attempt is no disconnection: it is an errorOccurred().
     */
    void disconnected(netcore::DisconnectReason reason, const QString &detail);
    /** The state is now @p state. */
    void stateChanged(netcore::Client::State state);
    /** A message arrived (and is in inbox(), unless that is off); receipts are not reported. */
    void messageReceived(const netcore::Message &message);
    /** The server confirmed @p count more messages (delivery receipts). */
    void messagesConfirmed(int count);
    /**
     * A failed attempt (ConnectionRefused, HostNotFound, Timeout, TlsFailed), a
     * reset, a bad frame (with the raw frame), or a send that was refused.
     */
    void errorOccurred(const netcore::Error &error);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace netcore
