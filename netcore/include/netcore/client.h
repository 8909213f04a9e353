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
 * The socket lives in the client's thread. send() is safe from any thread;
 * while the client is not connected, messages wait in a bounded queue and go
 * out in order once it is (a full queue is an error, never a silent drop).
 *
 * The blocking helpers (waitForConnected(), receive()) run a local event
 * loop, for scripts and tests; GUI code uses the signals.
 */
class NETCORE_EXPORT Client : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(Client)

public:
    enum class State {
        Disconnected,  ///< idle, or closed for good
        Connecting,    ///< first connection attempt under way
        Connected,
        Reconnecting,  ///< lost or refused; waiting for the next attempt
    };
    Q_ENUM(State)

    static constexpr int defaultMaxPendingMessages = 10000;

    explicit Client(const CodecConfig &codec = CodecConfig::envelope(), QObject *parent = nullptr);
    ~Client() override;

    /** Starts connecting (asynchronously); connected() or errorOccurred() follows. */
    void connectToHost(const QString &host, quint16 port);
    /**
     * Connects with TLS from now on (TlsFiles::clientConfiguration() builds
     * one from a CA file). The server's certificate is checked against
     * @p configuration's CAs and the host name; a failed check, or a
     * handshake that fails, is an error with the code TlsFailed.
     */
    void setTlsConfiguration(const QSslConfiguration &configuration);
    bool isTlsEnabled() const;
    /** Closes the connection and stops reconnecting. Pending messages stay queued. */
    void disconnectFromHost();

    State state() const;
    bool isConnected() const { return state() == State::Connected; }
    QString peerName() const;
    quint16 peerPort() const;
    /** This side's port while connected (what the server sees as the peer port); 0 otherwise. */
    quint16 localPort() const;
    CodecConfig codecConfig() const;

    /** Reconnect after a loss or a failed attempt, with capped exponential backoff. */
    void setAutoReconnect(bool enabled);
    bool autoReconnect() const;
    /** The first retry waits @p initialMsecs; each next one twice as long, up to @p maxMsecs. */
    void setReconnectDelays(int initialMsecs, int maxMsecs);

    /** Bound of the queue of messages sent while not connected. */
    void setMaxPendingMessages(int max);
    int pendingMessageCount() const;

    /**
     * Sends now if connected, else queues. Thread-safe. Returns false (and
     * reports SendQueueFull or MessageTooLarge) if the message was not taken.
     */
    bool send(const Message &message);

    /** Waits up to @p msecs for the Connected state. */
    bool waitForConnected(int msecs = 30000);
    /** Waits up to @p msecs for the state to leave Connected. */
    bool waitForDisconnected(int msecs = 30000);
    /** Waits up to @p msecs until every queued and sent byte was handed to the network. */
    bool waitForSent(int msecs = 30000);
    /** The oldest message of the inbox, waiting up to @p msecs for one. */
    std::optional<Message> receive(int msecs = 30000);

    /** Received messages and errors kept for polling. */
    MessageInbox &inbox();

    quint64 messagesIn() const;
    quint64 messagesOut() const;
    quint64 bytesIn() const;
    quint64 bytesOut() const;

    ErrorCode error() const;
    QString errorString() const;

Q_SIGNALS:
    void connected();
    void disconnected(netcore::DisconnectReason reason, const QString &detail);
    void stateChanged(netcore::Client::State state);
    void messageReceived(const netcore::Message &message);
    void errorOccurred(const netcore::Error &error);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace netcore
