#pragma once

#include <engine/benchtypes.h>
#include <engine/trafficcollector.h>

#include <netcore/error.h>

#include <QtCore/QObject>

#include <memory>
#include <vector>

namespace netcore {
class Server;
}

namespace wirebench {

class LiveRecording;
class ResponderHost;

/**
 * One server of the bench, living in the bench's I/O thread: a
 * netcore::Server set up from a ServerSpec, its echo or relay behaviour, and
 * the logging of everything it receives and sends to a TrafficCollector.
 *
 * Its connections are named "<server name> #<connection id> <peer>" in the
 * log and the events. In the Rules and Script modes a ResponderHost answers;
 * a new responder is taken while the server runs, its connections kept.
 */
class HostedServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(HostedServer)

public:
    /** An empty spec.name becomes "server <id>". @p collector must outlive this. */
    HostedServer(int id, const ServerSpec &spec, TrafficCollector *collector, QObject *parent = nullptr);
    ~HostedServer() override;

    int id() const { return m_id; }
    QString name() const { return m_spec.name; }
    /** The spec with its name resolved. */
    ServerSpec spec() const { return m_spec; }

    /**
     * Takes a new spec; a listening (or failed) server is recreated and listens again, unless only
     * what answers changed (mode, rules, script): that is swapped in place, connections kept.
     */
    void setSpec(const ServerSpec &spec);
    /** Listens (reusing the previous port when the spec asks for any); false, with an event, on failure. */
    bool start();
    /** Stops listening and closes every connection; a recording under way ends. */
    void stop();
    void setPaused(bool paused);
    void kick(quint64 connection);

    /** Sends on one connection and logs it; false if the server could not take it. */
    bool send(quint64 connection, const netcore::Message &message);
    /** Sends to every connection but @p except and logs one entry per recipient. */
    int broadcast(const netcore::Message &message, quint64 except = 0);
    /** The ids of its open connections, as the server knows them now (a broadcast's recipients). */
    QList<quint64> connectionIds() const;

    /**
     * Records its conversations to @p fileName from now on (docs/recording.md): each connection's
     * connect, what it received (c2s) and what was sent on it (s2c: echoes, relays, replies, the
     * composer's) and its end. An empty @p fileName stops. Only while it listens; events say how it went.
     */
    void record(const QString &fileName);

    ServerState state() const;

private:
    /** Logs @p message, and records it when a recording is under way. */
    void log(const LogSource &source, Direction direction, const netcore::Message &message);
    void stopRecording();
    void createServer();
    void destroyServer();
    /** Puts the spec's responder (or none) in place; false, with @p why and an Error event, if it does not parse. */
    bool applyResponder(QString *why);
    void onResponderFailed(quint64 connection, const QString &code, const QString &message);
    void onResponderLogged(quint64 connection, const QString &text);
    void onResponderReplied(quint64 connection, const netcore::Message &message);
    void onClientConnected(const netcore::ConnectionInfo &info);
    void onClientDisconnected(const netcore::ConnectionInfo &info, netcore::DisconnectReason reason,
                              const QString &detail);
    void onConnectionRefused(const QHostAddress &address, quint16 port, const QString &reason);
    void onMessageReceived(quint64 connection, const netcore::Message &message);
    void onErrorOccurred(const netcore::Error &error);
    /** The connection's log name, remembered until it closes. */
    QString endpointOf(const netcore::ConnectionInfo &info);
    LogSource sourceOf(quint64 connection);

    const int m_id = 0;
    ServerSpec m_spec;
    TrafficCollector *const m_collector = nullptr;
    std::unique_ptr<ResponderHost> m_responderHost; ///< none with receipts; declared first: it outlives the server
    std::unique_ptr<netcore::Server> m_server;
    QHash<quint64, QString> m_endpoints; ///< open connections by id, as the log names them
    quint16 m_lastPort = 0;              ///< so a restarted "any port" server keeps its port
    QString m_error;
    std::shared_ptr<LiveRecording> m_recording; ///< none unless recording
    /** Finished ones the I/O threads may still hold a pointer to (ResponderHost::setRecorder()): until the server goes. */
    std::vector<std::shared_ptr<LiveRecording>> m_retiredRecordings;
};

} // namespace wirebench
