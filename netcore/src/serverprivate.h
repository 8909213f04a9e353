#pragma once

#include <netcore/codec.h>
#include <netcore/messageinbox.h>
#include <netcore/server.h>

#include "acceptor.h"
#include "ioworker.h"
#include "sessionledger.h"

#include <QtCore/QHash>
#include <QtCore/QMutex>

#include <memory>

namespace netcore {

/** What the server keeps of one open connection. */
struct ConnectionEntry
{
    ConnectionInfo info; // counters are filled in from `counters` on snapshot
    IoWorker *worker = nullptr;
    std::shared_ptr<ConnectionCounters> counters;
};

/** @p entry with its counters read now. */
ConnectionInfo snapshotOf(const ConnectionEntry &entry);

/**
 * The server's state and the work of its own thread: accepting, handing
 * descriptors to the I/O threads, and turning what they report into signals.
 */
class Server::Private
{
public:
    explicit Private(Server *server, const CodecConfig &codec)
        : q(server), config(codec), encoder(Codec::create(codec)),
          acceptor([this](qintptr descriptor) { onDescriptorAccepted(descriptor); })
    {
    }

    /** Starts the I/O threads (or the local worker); false, with the reason in @p why, if one cannot start. */
    bool startWorkers(QString *why);
    void stopWorkers();
    IoWorker *nextWorker();
    void onDescriptorAccepted(qintptr descriptor);
    void refuse(qintptr descriptor, const QHostAddress &address, quint16 port, const QString &reason);
    void onDecoded(quint64 id, const QList<DecodeResult> &results);
    /** With receipts: takes a hello, or admits a message; false if it must not be delivered. */
    bool admit(quint64 id, const Message &message);
    /** With receipts: the last step of close() for one worker, once what it had read was delivered. */
    void closeWhenDelivered(IoWorker *worker, const QString &detail);
    /** Connection @p id's snapshot, taken out of the table when @p forget; false if it is not open. */
    bool snapshot(quint64 id, bool forget, ConnectionInfo *info);
    void onConnectionClosed(quint64 id, DisconnectReason reason, const QString &detail);
    void setError(ErrorCode code, const QString &message);
    /** A call that cannot take effect: warns, sets error() to @p code and @p why; returns false. */
    bool refuseCall(const char *function, ErrorCode code, const QString &why);
    /**
     * Sets error(), keeps @p error in the inbox, and emits errorOccurred() in the
     * server's thread (queued from another thread).
     */
    void report(Error error);
    bool encode(const MessageView &message, QByteArray *bytes);
    /** Server::send() past the checks of an application's call: the receipts go this way too. */
    bool sendFrame(quint64 connection, const MessageView &message);
    /** With receipts, a message on their reserved channel is refused: reported, true. */
    bool refusesReservedChannel(const MessageView &message, quint64 connection);
    const QList<IoWorker *> &allWorkers() const { return ioWorkers; }
    IoWorker *workerInCurrentThread() const;
    /** The I/O thread of an open connection; none (and error() NotConnected) if it is not open. */
    IoWorker *workerOf(quint64 connection);

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
    ConnectionHandler connectionHandler;
    /** What an IoWorker calls for a new connection: the ConnectionHandler with the connection's snapshot. */
    IoWorker::OpenHandler openHandler();
    bool receipts = false;
    SessionLedger sessions; ///< server's thread only
    quint64 nextId = 1;
    MessageInbox inbox{0};

    mutable QMutex mutex; // guards the fields below: send() and snapshots come from any thread
    QHash<quint64, ConnectionEntry> connections;
    ErrorCode error = ErrorCode::NoError;
    QString errorString;
};

} // namespace netcore
