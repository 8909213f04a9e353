#pragma once

#include "connectioncounters.h"
#include "deliverygate.h"
#include "framereader.h"
#include "tlssettings.h"

#include <netcore/server.h>

#include <QtCore/QHash>
#include <QtCore/QMutex>
#include <QtCore/QObject>
#include <QtCore/QThread>
#include <QtCore/QTimer>

#include <functional>
#include <memory>
#include <vector>

namespace netcore {

class ServerConnection;

/**
 * The connections of one I/O thread (or of the server's own thread when it
 * has no workers). Every method runs in the worker's thread; Server reaches
 * it through post(), and hears back through the signals (queued when the
 * threads differ).
 */
class IoWorker : public QObject
{
    Q_OBJECT

public:
    explicit IoWorker(const CodecConfig &codec, QObject *parent = nullptr);
    ~IoWorker() override;

    using Task = std::function<void()>;

    /**
     * Runs @p task in this worker's thread: now if already there, else
     * queued. Tasks queued from other threads wait in one list and cost one
     * wake-up per burst, not one posted event each (muduo's queueInLoop).
     */
    void post(Task task);
    bool isCurrentThread() const { return thread() == QThread::currentThread(); }

    /** Set before the worker gets connections; called for every decoded message. */
    void setMessageHandler(Server::MessageHandler handler) { m_handler = std::move(handler); }
    /** Called with a new connection's id once it can be written to, before it is read. */
    using OpenHandler = std::function<void(quint64 id)>;
    void setOpenHandler(OpenHandler handler) { m_openHandler = std::move(handler); }
    /** The worker whose message handler is running in this thread, if any. */
    static IoWorker *handlingWorker() { return t_handlingWorker; }

    void addConnection(quint64 id, qintptr descriptor, std::shared_ptr<ConnectionCounters> counters);
    void write(quint64 id, const QByteArray &bytes);
    /**
     * From this worker's thread only: encodes @p message straight into the
     * connection's output. False if the connection is not this worker's
     * (the caller then takes the queued path); @p error is set if encoding failed.
     */
    bool writeMessage(quint64 id, const MessageView &message, const Codec &encoder, Error *error);
    void writeToAll(const QByteArray &bytes, quint64 except);
    void closeConnection(quint64 id, DisconnectReason reason, const QString &detail);
    void resetConnection(quint64 id, const QString &detail);
    void closeAll(DisconnectReason reason, const QString &detail);
    /** While held, no connection (the new ones included) decodes anything until it closes. */
    void setReadingHeld(bool held);
    void setIdleTimeout(int msecs);
    /** Applies to every connection of this worker, the open ones included. */
    void setOutputLimits(const OutputLimits &limits) { m_outputLimits = limits; }
    /** Set before the worker gets connections. */
    void setTls(const TlsSettings &tls) { m_tls = tls; }
    /** What this worker decoded and the server's thread has not taken yet. */
    DeliveryGate &deliveryGate() { return m_gate; }
    /** The server's thread caught up: the connections that waited for it read on. */
    void resumeDelivery();
    /** Drops every connection at once, without signals, and every close still under way; before the thread ends. */
    void shutdown();

Q_SIGNALS:
    void connectionOpened(quint64 id);
    void decoded(quint64 id, const QList<netcore::DecodeResult> &results);
    void connectionClosed(quint64 id, netcore::DisconnectReason reason, const QString &detail);

private:
    void runPendingTasks();
    void forgetLastWritten() { m_lastWrittenId = 0; m_lastWritten = nullptr; }
    void onConnectionClosed(quint64 id, DisconnectReason reason, const QString &detail);
    void closeIdleConnections();
    void onDeliveryBlocked();

    CodecConfig m_codec;
    QHash<quint64, ServerConnection *> m_connections;
    QTimer m_idleSweep;
    int m_idleTimeout = 0;
    bool m_readingHeld = false;
    OutputLimits m_outputLimits;
    TlsSettings m_tls;
    DeliveryGate m_gate;
    Server::MessageHandler m_handler;
    OpenHandler m_openHandler;
    // initial-exec: read for every handled message; a shared library would otherwise call __tls_get_addr.
    static thread_local IoWorker *t_handlingWorker __attribute__((tls_model("initial-exec")));
    quint64 m_lastWrittenId = 0; ///< ids start at 1: 0 caches nothing
    ServerConnection *m_lastWritten = nullptr;

    QMutex m_tasksMutex;
    std::vector<Task> m_pendingTasks; ///< guarded by m_tasksMutex
};

} // namespace netcore
