#include "replayserver.h"

#include <netcore/error.h>
#include <netcore/message.h>
#include <netcore/server.h>

namespace wirebench {

ReplayServer::ReplayServer(const Recording &recording, Setup setup, QObject *parent)
    : QObject(parent), m_setup(std::move(setup)),
      m_server(std::make_unique<netcore::Server>(recording.header().codec))
{
    int number = 0;
    for (const Conversation &conversation : recording.conversations()) {
        m_plans.append(ReplayPlan::fromConversation(conversation, m_setup.ignoreChannels));
        Difference place;
        place.conversation = ++number;
        place.connection = conversation.connection;
        place.peer = conversation.peer;
        m_places.append(place);
    }
    m_server->setWorkers(0);
    connect(m_server.get(), &netcore::Server::clientConnected, this, &ReplayServer::onClientConnected);
    connect(m_server.get(), &netcore::Server::clientDisconnected, this, &ReplayServer::onClientDisconnected);
    connect(m_server.get(), &netcore::Server::messageReceived, this, &ReplayServer::onMessageReceived);
    connect(m_server.get(), &netcore::Server::errorOccurred, this, &ReplayServer::errorOccurred);
}

ReplayServer::~ReplayServer()
{
    // The connections send through the server: they go first.
    qDeleteAll(m_connections);
    m_connections.clear();
    m_server.reset();
}

bool ReplayServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port);
}

void ReplayServer::close()
{
    for (ReplayServerConnection *connection : std::as_const(m_connections))
        connection->stop();
    m_server->close();
}

QHostAddress ReplayServer::serverAddress() const
{
    return m_server->serverAddress();
}

quint16 ReplayServer::serverPort() const
{
    return m_server->serverPort();
}

QString ReplayServer::errorString() const
{
    return m_server->errorString();
}

int ReplayServer::connectionCount() const
{
    return m_server->connectionCount();
}

void ReplayServer::onClientConnected(const netcore::ConnectionInfo &info)
{
    // A recording with no conversation still serves: an empty plan, so every message is "nothing more".
    const int index = m_plans.isEmpty() ? -1 : m_accepted % int(m_plans.size());
    ++m_accepted;
    ReplayPlan plan = index >= 0 ? m_plans.at(index) : ReplayPlan::fromConversation({}, {});
    Difference place = index >= 0 ? m_places.at(index) : Difference{};
    auto *connection = new ReplayServerConnection(m_server.get(), info.id, std::move(plan), std::move(place),
                                                  m_setup, this);
    connect(connection, &ReplayServerConnection::mismatched, this,
            [this, id = info.id](const Difference &difference) { Q_EMIT mismatched(id, difference); });
    m_connections.insert(info.id, connection);
    Q_EMIT clientConnected(info, index + 1);
    // Looked up again: a slot may have closed the server, and the connection with it.
    if (ReplayServerConnection *still = m_connections.value(info.id))
        still->start();
}

void ReplayServer::onClientDisconnected(const netcore::ConnectionInfo &info, netcore::DisconnectReason reason,
                                        const QString &detail)
{
    if (ReplayServerConnection *connection = m_connections.take(info.id)) {
        connection->stop();
        connection->deleteLater(); // this may be inside its own call (its close)
    }
    Q_EMIT clientDisconnected(info, reason, detail);
}

void ReplayServer::onMessageReceived(quint64 connection, const netcore::Message &message)
{
    Q_EMIT messageReceived(connection, message);
    if (ReplayServerConnection *replay = m_connections.value(connection))
        replay->handleMessage(message);
}

} // namespace wirebench
