#pragma once

#include <engine/recording/difference.h>
#include <engine/recording/recording.h>
#include <engine/recording/replayplan.h>
#include <engine/recording/replayserverconnection.h>

#include <netcore/connectioninfo.h>
#include <netcore/enums.h>

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtNetwork/QHostAddress>

#include <memory>

namespace netcore {
class Server;
struct Error;
class Message;
}

namespace wirebench {

/**
 * Replays the server side of a recording, so a client can be tested with no
 * server at all. The i-th client that connects plays the i-th recorded
 * conversation (ReplayServerConnection); after the last, the first again.
 * It speaks the recording's codec, in the thread that makes it (no I/O
 * threads: answers are timed from its event loop). The CLI's
 * `replay --as-server` drives it and prints its signals.
 */
class ReplayServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ReplayServer)

public:
    using Setup = ReplayServerConnection::Setup;

    ReplayServer(const Recording &recording, Setup setup, QObject *parent = nullptr);
    ~ReplayServer() override;

    /** False if it cannot: errorString() says why. Port 0 picks a free one. */
    bool listen(const QHostAddress &address, quint16 port);
    /** Stops listening and closes every connection; clientDisconnected() follows for each. */
    void close();
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    QString errorString() const;
    /** Open connections, counting those whose clientConnected() is on its way. */
    int connectionCount() const;
    /** The recorded conversations clients take in turn. */
    int conversationCount() const { return int(m_plans.size()); }

Q_SIGNALS:
    /** A client connected; it plays conversation @p conversation (from 1; 0: the recording has none). */
    void clientConnected(const netcore::ConnectionInfo &info, int conversation);
    void clientDisconnected(const netcore::ConnectionInfo &info, netcore::DisconnectReason reason,
                            const QString &detail);
    /** A client's message, before it is compared and answered. */
    void messageReceived(quint64 connection, const netcore::Message &message);
    /** Client @p connection sent other than the recording says (Difference::what in words). */
    void mismatched(quint64 connection, const wirebench::Difference &difference);
    /** A codec's error on a connection, or the server's own. */
    void errorOccurred(const netcore::Error &error);

private:
    void onClientConnected(const netcore::ConnectionInfo &info);
    void onClientDisconnected(const netcore::ConnectionInfo &info, netcore::DisconnectReason reason,
                              const QString &detail);
    void onMessageReceived(quint64 connection, const netcore::Message &message);

    Setup m_setup;
    std::unique_ptr<netcore::Server> m_server;
    QList<ReplayPlan> m_plans;
    QList<Difference> m_places;      ///< per conversation: its number, recorded connection and peer
    QHash<quint64, ReplayServerConnection *> m_connections; ///< children; deleted later, never in their own call
    int m_accepted = 0;
};

} // namespace wirebench
