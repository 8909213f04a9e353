#pragma once

#include "connectioncounters.h"
#include "framereader.h"

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QThread>
#include <QtCore/QTimer>

#include <memory>

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

    /** Runs @p task in this worker's thread: now if already there, else queued. */
    template <typename Task> void post(Task &&task)
    {
        if (thread() == QThread::currentThread())
            task();
        else
            QMetaObject::invokeMethod(this, std::forward<Task>(task), Qt::QueuedConnection);
    }

    void addConnection(quint64 id, qintptr descriptor, std::shared_ptr<ConnectionCounters> counters);
    void write(quint64 id, const QByteArray &bytes);
    void writeToAll(const QByteArray &bytes, quint64 except);
    void closeConnection(quint64 id, DisconnectReason reason, const QString &detail);
    void closeAll(DisconnectReason reason, const QString &detail);
    void setIdleTimeout(int msecs);
    /** Drops every connection at once, without signals; before the thread ends. */
    void shutdown();

Q_SIGNALS:
    void connectionOpened(quint64 id);
    void decoded(quint64 id, const QList<netcore::DecodeResult> &results);
    void connectionClosed(quint64 id, netcore::DisconnectReason reason, const QString &detail);

private:
    void onConnectionClosed(quint64 id, DisconnectReason reason, const QString &detail);
    void closeIdleConnections();

    CodecConfig m_codec;
    QHash<quint64, ServerConnection *> m_connections;
    QTimer m_idleSweep;
    int m_idleTimeout = 0;
};

} // namespace netcore
