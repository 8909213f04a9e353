#include "hostedserver.h"

#include <engine/liverecording.h>
#include <engine/responders/responder.h>
#include <engine/responders/responderfactory.h>
#include <engine/responders/responderhost.h>
#include <engine/serversetup.h>

#include <netcore/endpoint.h>
#include <netcore/server.h>

#include <algorithm>

namespace wirebench {

HostedServer::HostedServer(int id, const ServerSpec &spec, TrafficCollector *collector, QObject *parent)
    : QObject(parent), m_id(id), m_spec(spec), m_collector(collector)
{
    if (m_spec.name.isEmpty())
        m_spec.name = QStringLiteral("server %1").arg(id); // a name, not prose: never translated
    createServer();
}

HostedServer::~HostedServer()
{
    destroyServer();
}

void HostedServer::createServer()
{
    // The codec and the worker count are fixed at construction: a new spec needs a new server.
    m_server = ServerSetup::create(m_spec);
    m_endpoints.clear();
    // Its handlers are set before it listens, so that a responder can come and go while it runs.
    // Receipts take no handler (they would be bypassed): no responder with them, ServerSetup says so.
    if (!m_spec.receipts) {
        m_responderHost = std::make_unique<ResponderHost>(m_server.get());
        connect(m_responderHost.get(), &ResponderHost::failed, this, &HostedServer::onResponderFailed);
        connect(m_responderHost.get(), &ResponderHost::logged, this, &HostedServer::onResponderLogged);
        connect(m_responderHost.get(), &ResponderHost::replied, this, &HostedServer::onResponderReplied);
    }
    connect(m_server.get(), &netcore::Server::clientConnected, this, &HostedServer::onClientConnected);
    connect(m_server.get(), &netcore::Server::clientDisconnected, this, &HostedServer::onClientDisconnected);
    connect(m_server.get(), &netcore::Server::connectionRefused, this, &HostedServer::onConnectionRefused);
    connect(m_server.get(), &netcore::Server::messageReceived, this, &HostedServer::onMessageReceived);
    connect(m_server.get(), &netcore::Server::errorOccurred, this, &HostedServer::onErrorOccurred);
}

void HostedServer::destroyServer()
{
    if (m_responderHost)
        m_responderHost->setResponder({}); // a script's thread stops while the server it sends to is alive
    m_server.reset(); // drops its connections at once, without signals
    m_responderHost.reset(); // after the server, whose I/O threads call it
    m_retiredRecordings.clear(); // no I/O thread is left to write to them
}

bool HostedServer::applyResponder(QString *why)
{
    why->clear();
    const std::shared_ptr<Responder> responder = ResponderFactory::forServer(m_spec, why);
    if (m_responderHost)
        m_responderHost->setResponder(responder);
    if (!why->isEmpty()) {
        m_collector->addEvent(EventKind::Error, name(), tr("cannot answer: %1").arg(*why),
                              netcore::ErrorCode::InvalidConfiguration);
        return false;
    }
    return true;
}

void HostedServer::setSpec(const ServerSpec &spec)
{
    if (spec.differsOnlyInResponder(m_spec) && m_error.isEmpty() && (m_responderHost || !spec.hasResponder())) {
        const QString oldName = m_spec.name;
        m_spec = spec;
        if (m_spec.name.isEmpty())
            m_spec.name = oldName;
        QString why;
        if (applyResponder(&why) && m_server->isListening())
            m_collector->addEvent(EventKind::Info, name(), tr("now answering: %1").arg(serverModeName(m_spec.mode)));
        return;
    }
    // A failed server is edited to make it work: it tries again with the new settings.
    const bool wasListening = m_server->isListening() || !m_error.isEmpty();
    if (wasListening)
        m_collector->addEvent(EventKind::ServerStopped, name(), tr("stopped to apply new settings"));
    stopRecording(); // a recording has one codec, and its conversations end here
    const QString oldName = m_spec.name;
    m_spec = spec;
    if (m_spec.name.isEmpty())
        m_spec.name = oldName;
    destroyServer();
    createServer();
    if (wasListening)
        start();
}

bool HostedServer::start()
{
    if (m_server->isListening())
        return true;
    QHostAddress address;
    if (!netcore::Endpoint::parseListenAddress(m_spec.address, &address, &m_error)) {
        m_collector->addEvent(EventKind::Error, name(), m_error, netcore::ErrorCode::ListenFailed);
        return false;
    }
    QString why;
    if (m_spec.hasResponder() && m_spec.receipts) {
        m_error = tr("rules and scripts answer before delivery is confirmed: turn receipts off");
        m_collector->addEvent(EventKind::Error, name(), tr("cannot start: %1").arg(m_error),
                              netcore::ErrorCode::InvalidConfiguration);
        return false;
    }
    if (!applyResponder(&why)) {
        m_error = why;
        return false;
    }
    if (!ServerSetup::configure(m_spec, m_server.get(), &why)) {
        // Never serve plaintext, to everyone, or without receipts, in place of what the user asked for.
        m_error = why;
        m_collector->addEvent(EventKind::Error, name(), tr("cannot start: %1").arg(why),
                              netcore::ErrorCode::InvalidConfiguration);
        return false;
    }
    bool listening = false;
    if (m_spec.port == 0 && m_lastPort != 0)
        listening = m_server->listen(address, m_lastPort); // clients reconnecting find it again
    if (!listening)
        listening = m_server->listen(address, m_spec.port);
    if (!listening) {
        m_error = m_server->errorString();
        m_collector->addEvent(EventKind::Error, name(),
                              tr("cannot listen on %1: %2").arg(netcore::Endpoint::format(m_spec.address, m_spec.port), m_error),
                              m_server->error());
        return false;
    }
    m_error.clear();
    m_lastPort = m_server->serverPort();
    const QString where = netcore::Endpoint::format(m_server->serverAddress(), m_lastPort);
    m_collector->addEvent(EventKind::ServerStarted, name(),
                          m_server->isTlsEnabled() ? tr("listening with TLS on %1").arg(where)
                                                   : tr("listening on %1").arg(where));
    return true;
}

void HostedServer::stop()
{
    if (!m_server->isListening())
        return;
    // The recording ends before the connections do: a replay of it should not expect the server to close them.
    stopRecording();
    m_server->close();
    m_collector->addEvent(EventKind::ServerStopped, name(), tr("stopped"));
}

void HostedServer::record(const QString &fileName)
{
    stopRecording();
    if (fileName.isEmpty())
        return;
    if (!m_server->isListening()) {
        m_collector->addEvent(EventKind::Error, name(), tr("cannot record: it is not listening; start it first"));
        return;
    }
    m_recording = LiveRecording::start(fileName, m_spec.codec, name(), m_collector);
    if (!m_recording)
        return;
    // Connections already open are conversations from here on: a replay connects for them too.
    const QList<netcore::ConnectionInfo> open = m_server->connections();
    for (const netcore::ConnectionInfo &info : open)
        m_recording->recorder().connected(info.id, info.peerString());
    // Connects, what comes and a responder's replies are recorded in the I/O threads, where they
    // happen: a reply after what it answers (here, a reply could overtake its request).
    if (m_responderHost)
        m_responderHost->setRecorder(&m_recording->recorder());
}

void HostedServer::stopRecording()
{
    const std::shared_ptr<LiveRecording> recording = std::exchange(m_recording, {});
    if (!recording)
        return;
    if (m_responderHost) {
        m_responderHost->setRecorder(nullptr);
        m_retiredRecordings.push_back(recording); // an I/O thread may be in a call on it
    }
    recording->finish();
}

void HostedServer::log(const LogSource &source, Direction direction, const netcore::Message &message)
{
    m_collector->addEntry(source, direction, message);
    // With a ResponderHost, what came was recorded in the I/O thread already.
    if (m_recording && !(m_responderHost && direction == Direction::In)) {
        m_recording->recorder().message(source.connection, direction == Direction::In ? ProxyDirection::ClientToServer
                                                                                    : ProxyDirection::ServerToClient,
                                        message);
    }
}

void HostedServer::setPaused(bool paused)
{
    if (paused == m_server->isAcceptingPaused())
        return;
    if (paused)
        m_server->pauseAccepting();
    else
        m_server->resumeAccepting();
    m_collector->addEvent(EventKind::Info, name(), paused ? tr("paused accepting") : tr("resumed accepting"));
}

void HostedServer::kick(quint64 connection)
{
    m_server->disconnectClient(connection);
}

bool HostedServer::send(quint64 connection, const netcore::Message &composed)
{
    const netcore::Message message = asCarriedBy(m_spec.codec, composed);
    if (!m_server->send(connection, message))
        return false;
    log(sourceOf(connection), Direction::Out, message);
    return true;
}

int HostedServer::broadcast(const netcore::Message &composed, quint64 except)
{
    const netcore::Message message = asCarriedBy(m_spec.codec, composed);
    const int recipients = m_server->broadcast(message, except);
    if (recipients == 0)
        return 0;
    // The server's own table, not what we heard of by signal: a connection accepted a moment ago
    // receives the broadcast before its clientConnected() reaches this thread.
    const QList<netcore::ConnectionInfo> connections = m_server->connections();
    for (const netcore::ConnectionInfo &info : connections) {
        if (info.id != except) // one row per recipient, like every other message in the log
            log(LogSource{endpointOf(info), m_id, info.id, 0}, Direction::Out, message);
    }
    return recipients;
}

QList<quint64> HostedServer::connectionIds() const
{
    QList<quint64> ids;
    const QList<netcore::ConnectionInfo> connections = m_server->connections();
    for (const netcore::ConnectionInfo &info : connections)
        ids.append(info.id);
    return ids;
}

ServerState HostedServer::state() const
{
    ServerState state;
    state.id = m_id;
    state.spec = m_spec;
    state.listening = m_server->isListening();
    state.paused = state.listening && m_server->isAcceptingPaused();
    state.boundPort = state.listening ? m_server->serverPort() : 0;
    state.error = m_error;
    state.connections = m_server->connections();
    state.recordingFile = m_recording ? m_recording->fileName() : QString();
    std::sort(state.connections.begin(), state.connections.end(),
              [](const netcore::ConnectionInfo &a, const netcore::ConnectionInfo &b) { return a.id < b.id; });
    return state;
}

void HostedServer::onClientConnected(const netcore::ConnectionInfo &info)
{
    m_collector->addEvent(EventKind::Connected, endpointOf(info), tr("client connected"));
    if (m_recording && !m_responderHost) // else recorded in the I/O thread
        m_recording->recorder().connected(info.id, info.peerString());
}

void HostedServer::onClientDisconnected(const netcore::ConnectionInfo &info, netcore::DisconnectReason reason,
                                        const QString &detail)
{
    const QString endpoint = endpointOf(info);
    m_endpoints.remove(info.id);
    m_collector->addEvent(EventKind::Disconnected, endpoint,
                          tr("disconnected: %1 (%2)").arg(detail, netcore::disconnectReasonName(reason)));
    if (m_recording)
        m_recording->recorder().disconnected(info.id, reason, detail, true);
}

void HostedServer::onConnectionRefused(const QHostAddress &address, quint16 port, const QString &reason)
{
    m_collector->addEvent(EventKind::Refused, name(),
                          tr("refused %1: %2").arg(netcore::Endpoint::format(address, port), reason));
}

void HostedServer::onMessageReceived(quint64 connection, const netcore::Message &message)
{
    const LogSource source = sourceOf(connection);
    log(source, Direction::In, message);
    switch (m_spec.mode) {
    case ServerMode::Silent:
        break;
    case ServerMode::Echo:
        if (m_server->send(connection, message))
            log(source, Direction::Out, message);
        break;
    case ServerMode::Relay:
        broadcast(message, connection);
        break;
    case ServerMode::Rules:
    case ServerMode::Script:
        break; // the responder answered in the I/O thread; its replies come back by onResponderReplied()
    }
}

void HostedServer::onResponderFailed(quint64 connection, const QString &code, const QString &message)
{
    const QString endpoint = connection != 0 ? sourceOf(connection).endpoint : name();
    m_collector->addEvent(EventKind::Error, endpoint, QStringLiteral("%1: %2").arg(code, message));
}

void HostedServer::onResponderLogged(quint64 connection, const QString &text)
{
    const QString endpoint = connection != 0 ? sourceOf(connection).endpoint : name();
    m_collector->addEvent(EventKind::Info, endpoint, tr("console.log: %1").arg(text));
}

void HostedServer::onResponderReplied(quint64 connection, const netcore::Message &message)
{
    m_collector->addEntry(sourceOf(connection), Direction::Out, message); // recorded where it was sent
}

void HostedServer::onErrorOccurred(const netcore::Error &error)
{
    const QString endpoint = error.connection != 0 ? sourceOf(error.connection).endpoint : name();
    m_collector->addEvent(EventKind::Error, endpoint,
                          QStringLiteral("%1: %2").arg(netcore::errorCodeName(error.code), error.message),
                          error.code);
    if (m_recording && error.connection != 0)
        m_recording->recorder().error(error.connection, error, ProxyDirection::ClientToServer); // a decoding one has its way
}

QString HostedServer::endpointOf(const netcore::ConnectionInfo &info)
{
    auto it = m_endpoints.find(info.id);
    if (it == m_endpoints.end())
        it = m_endpoints.insert(info.id, QStringLiteral("%1 #%2 %3").arg(name()).arg(info.id).arg(info.peerString()));
    return *it;
}

LogSource HostedServer::sourceOf(quint64 connection)
{
    QString endpoint = m_endpoints.value(connection);
    if (endpoint.isEmpty()) {
        const netcore::ConnectionInfo info = m_server->connectionInfo(connection);
        endpoint = info.id != 0 ? endpointOf(info)
                                : QStringLiteral("%1 #%2").arg(name()).arg(connection); // already gone
    }
    return LogSource{endpoint, m_id, connection, 0};
}

} // namespace wirebench
