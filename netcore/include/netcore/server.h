#pragma once

#include <netcore/codecconfig.h>
#include <netcore/connectioninfo.h>
#include <netcore/error.h>
#include <netcore/message.h>
#include <netcore/messageview.h>
#include <netcore/outputlimits.h>
#include <netcore/peerallowlist.h>

#include <QtCore/QObject>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslConfiguration>

#include <functional>
#include <memory>

namespace netcore {

class MessageInbox;

/**
 * A TCP server that speaks one codec with all its connections.
 *
 * With workers() == 0 every connection lives in the server's own thread.
 * With N >= 1 the server only accepts: each socket descriptor is handed to
 * one of N I/O threads (round robin), where its socket is created, used and
 * deleted. Signals are always emitted in the server's thread (the
 * errorOccurred() of a send() or broadcast() that failed in another thread,
 * or in a message handler, is queued to it), and send(), broadcast() and
 * disconnectClient() may be called from any thread.
 *
 * What an I/O thread decoded waits for the server's thread in a bounded
 * backlog: at most 1024 messages (or 16 MiB of payload) per I/O thread.
 * When the server's thread falls behind, that I/O thread's connections stop
 * reading until it has taken half of it; the peers' bytes wait in the kernel
 * and TCP pushes back on them. So a slow messageReceived() slows the peers
 * instead of growing memory, and the server thread's other events (timers,
 * a close()) never wait behind more than that backlog.
 *
 * @code
 * netcore::Server server;
 * connect(&server, &netcore::Server::messageReceived, [&](quint64 id, const netcore::Message &m) {
 *     server.send(id, m);   // echo
 * });
 * server.listen(QHostAddress::LocalHost, 0);
 * @endcode
 */
class NETCORE_EXPORT Server : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(Server)

public:
    /** Decides by peer address whether to accept; runs in the server's thread. */
    using AcceptFilter = std::function<bool(const QHostAddress &address, quint16 port)>;

    /**
     * Handles a message in the connection's I/O thread, before (instead of)
     * messageReceived: return true when handled. For servers that answer in
     * place (echo, relay, request/response), with no hop to the server's
     * thread and no copy: the message is a view of the receive buffer, valid
     * during the call only (toMessage() keeps a copy). send() called from it
     * writes straight into the connection's output, and all replies to one
     * read leave in one write. Must be thread-safe when workers() > 1, and
     * must not destroy the server (close() is fine).
     */
    using MessageHandler = std::function<bool(quint64 connection, const MessageView &message)>;

    /**
     * Handles a new connection in its I/O thread, before anything it sent is
     * read: what send() writes from it is the connection's first output,
     * ahead of any reply a message handler gives (a greeting). clientConnected()
     * is on its way to the server's thread by then, so what the handler makes
     * happen is seen after it. Same rules as a message handler.
     */
    using ConnectionHandler = std::function<void(const ConnectionInfo &info)>;

    /** A server for @p codec (checked at listen()); it lives in the thread that makes it. */
    explicit Server(const CodecConfig &codec = CodecConfig::envelope(), QObject *parent = nullptr);
    ~Server() override;

    /**
     * Port 0 picks a free port; serverPort() tells which. Settings below apply from here on.
     * False if it fails: error() says why (AddressInUse, ListenFailed, InvalidConfiguration).
     * ListenFailed also when an I/O thread cannot start (the process is out of descriptors,
     * say): errorString() names the thread and the reason, and the server is not listening.
     */
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    /**
     * Stops listening and closes every connection (reason ServerClosed),
     * sending what is pending first; clientDisconnected() follows for each.
     * Each peer sees an orderly end (FIN) after the last byte, see OutputLimits::closeTimeout.
     */
    void close();
    /** True between a successful listen() and close(). */
    bool isListening() const;
    /** The address listened on; null when not listening. */
    QHostAddress serverAddress() const;
    /** The port listened on (the one picked for port 0); 0 when not listening. */
    quint16 serverPort() const;

    /** Stops accepting new connections; the pending ones wait in the backlog. */
    void pauseAccepting();
    /** Accepts again, the backlog first. */
    void resumeAccepting();
    /** Between pauseAccepting() and resumeAccepting() (or the next listen()). */
    bool isAcceptingPaused() const;

    /** The codec given to the constructor. */
    CodecConfig codecConfig() const;

    /** 0 = unlimited. A peer over the limit is closed at once; connectionRefused() says why. */
    void setMaxConnections(int max);
    /** 0 (unlimited) unless changed. */
    int maxConnections() const;

    /** Peers the filter rejects are closed at once; connectionRefused() says why. */
    void setAcceptFilter(AcceptFilter filter);
    /** Only peers in these ranges are accepted (checked before the filter); empty = everyone. */
    void setAllowList(const PeerAllowList &allowList);
    /** Empty (everyone) unless changed. */
    PeerAllowList allowList() const;

    /** Close connections that receive nothing for @p msecs; 0 = never. */
    void setIdleTimeout(int msecs);
    /** In milliseconds; 0 (never) unless changed. */
    int idleTimeout() const;

    /** Must be set before listen(): false after (a warning, and error() InvalidConfiguration). */
    bool setMessageHandler(MessageHandler handler);
    /** The same for the ConnectionHandler. */
    bool setConnectionHandler(ConnectionHandler handler);

    /**
     * Backpressure against peers that do not read; see OutputLimits. Applies to the open connections too.
     * Invalid limits are refused: false, a warning, and error() InvalidConfiguration.
     */
    bool setOutputLimits(const OutputLimits &limits);
    /** OutputLimits' defaults unless changed. */
    OutputLimits outputLimits() const;

    /**
     * Serves TLS: @p configuration holds the certificate and private key
     * (TlsFiles::serverConfiguration() reads PEM files). Each accepted socket
     * starts the handshake in its I/O thread; a peer that does not complete it
     * within handshakeTimeout (a plaintext peer, say) is closed with TlsFailed.
     * Must be set before listen(): false after (a warning, and error() InvalidConfiguration).
     */
    bool setTlsConfiguration(const QSslConfiguration &configuration, int handshakeTimeout = 10000);
    /** True once setTlsConfiguration() took effect. */
    bool isTlsEnabled() const;

    /**
     * Delivery receipts (see Client::setDeliveryReceipts()): tells each client
     * that uses them what messageReceived() and the inbox delivered, and
     * delivers what such a client sends again only once. Clients that do not
     * use them are served as before. close() first delivers and confirms what
     * was already read, then closes. Envelope codec only, and no message
     * handler (it would bypass delivery); set before listen(). False if refused
     * (a warning, and error() InvalidConfiguration). With them on, send() and
     * broadcast() refuse the receipts' channel "netcore.delivery" (InvalidChannelName).
     * Destroying the server skips close(): like a crash, what it had read but
     * not confirmed is sent again by the clients to the next server.
     */
    bool setDeliveryReceipts(bool enabled);
    /** Whether setDeliveryReceipts() turned them on. */
    bool deliveryReceipts() const;

    /**
     * I/O threads; 0 = the server's own thread. Must be set before the first listen(): the
     * threads stay until the server is destroyed. False after (a warning, and error() InvalidConfiguration).
     */
    bool setWorkers(int workers);
    /** 0 unless changed: every connection in the server's thread. */
    int workers() const;

    /**
     * Encodes once and queues the bytes for connection @p connection. Thread-safe.
     * False (error() says why) if the connection is not open or the message cannot be encoded.
     */
    bool send(quint64 connection, const Message &message);
    /** The same for a view: from a message handler, the reply is encoded with no copy in between. */
    bool send(quint64 connection, const MessageView &message);
    /** Sends to every connection except @p except (0 = none). Thread-safe. Returns how many. */
    int broadcast(const Message &message, quint64 except = 0);
    /** The same for a view: encoded once, straight from the borrowed bytes. */
    int broadcast(const MessageView &message, quint64 except = 0);
    /**
     * Closes one connection (reason ClosedLocally), as close() does: what is pending goes first, then
     * an orderly end. Thread-safe. False (error() NotConnected) if it is not open.
     */
    bool disconnectClient(quint64 connection);
    /**
     * Resets one connection: the peer sees a reset (RST), not an orderly end;
     * reason ClosedLocally. What was sent before goes out as far as the kernel
     * takes it at once, the rest is dropped; from a message handler, after the
     * replies to the read being handled. For testing how peers take a
     * connection that breaks. Thread-safe. False (error() NotConnected) if it is not open.
     */
    bool resetClient(quint64 connection);

    /** Open connections now, accepted ones whose clientConnected() is still on its way included. Thread-safe. */
    int connectionCount() const;
    /** A snapshot of every open connection with its counters. Thread-safe. */
    QList<ConnectionInfo> connections() const;
    /** One connection's snapshot; id 0 if it is not open. */
    ConnectionInfo connectionInfo(quint64 connection) const;

    /** Received messages and errors kept for polling; off (capacity 0) until inbox().setCapacity(n). */
    MessageInbox &inbox();

    /**
     * The error of the latest failed call (one that returned false, or a broadcast() that
     * could not encode) or asynchronous failure (errorOccurred()); NoError before the first.
     * A later success leaves it as it is: a call's result says whether that call failed.
     * The same on Client. Thread-safe.
     */
    ErrorCode error() const;
    /** error() in words; empty before the first failure. Thread-safe. */
    QString errorString() const;

Q_SIGNALS:
    /** A peer was accepted as connection @p info.id; with TLS, before its handshake ends. */
    void clientConnected(const netcore::ConnectionInfo &info);
    /** A connection ended: its last snapshot, @p reason, and @p detail in words. */
    void clientDisconnected(const netcore::ConnectionInfo &info, netcore::DisconnectReason reason,
                            const QString &detail);
    /** A peer that was not accepted (not in the allow list, rejected by the filter, over maxConnections()). */
    void connectionRefused(const QHostAddress &address, quint16 port, const QString &reason);
    /** A message from @p connection (in inbox() too, if on); not for what a message handler took. */
    void messageReceived(quint64 connection, const netcore::Message &message);
    /** Codec errors carry the connection id and the raw frame; stream errors are followed by clientDisconnected(). */
    void errorOccurred(const netcore::Error &error);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace netcore
