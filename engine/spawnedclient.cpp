#include "spawnedclient.h"

#include <engine/clientsetup.h>

#include <netcore/endpoint.h>
#include <netcore/messageinbox.h>

namespace wirebench {

namespace {

QString stateName(netcore::Client::State state)
{
    switch (state) {
    case netcore::Client::State::Connecting: return QStringLiteral("connecting");
    case netcore::Client::State::Connected: return QStringLiteral("connected");
    case netcore::Client::State::Reconnecting: return QStringLiteral("reconnecting");
    case netcore::Client::State::Disconnected: break;
    }
    return QStringLiteral("closed");
}

} // namespace

SpawnedClient::SpawnedClient(int id, const QString &name, const ClientSpec &spec, TrafficCollector *collector,
                             QObject *parent)
    : QObject(parent), m_id(id), m_name(name), m_spec(spec), m_collector(collector),
      m_source{name, 0, 0, id}, m_client(spec.codec)
{
    m_client.inbox().setCapacity(0); // the bench listens to signals: polling storage would only grow
    connect(&m_client, &netcore::Client::connected, this, &SpawnedClient::onConnected);
    connect(&m_client, &netcore::Client::disconnected, this, &SpawnedClient::onDisconnected);
    connect(&m_client, &netcore::Client::messageReceived, this, &SpawnedClient::onMessageReceived);
    connect(&m_client, &netcore::Client::errorOccurred, this, &SpawnedClient::onErrorOccurred);
    QString why;
    if (!ClientSetup::configure(spec, &m_client, &why))
        m_setupError = why;
}

SpawnedClient::~SpawnedClient() = default;

void SpawnedClient::connectToServer()
{
    if (!m_setupError.isEmpty()) {
        // Connecting without TLS or receipts would lose what the user meant to protect.
        m_collector->addEvent(EventKind::Error, m_name, m_setupError, netcore::ErrorCode::InvalidConfiguration);
        return;
    }
    m_client.connectToHost(m_spec.host, m_spec.port);
}

void SpawnedClient::disconnectFromServer()
{
    m_problem.clear(); // closed on purpose: nothing went wrong
    const bool wasConnected = m_client.isConnected();
    m_client.disconnectFromHost();
    if (!wasConnected)
        m_collector->addEvent(EventKind::Info, m_name, tr("stopped connecting"));
}

bool SpawnedClient::send(const netcore::Message &message)
{
    if (!m_client.send(message))
        return false;
    m_collector->addEntry(m_source, Direction::Out, message);
    return true;
}

ClientState SpawnedClient::state() const
{
    ClientState state;
    state.id = m_id;
    state.name = m_name;
    state.spec = m_spec;
    state.spec.name = m_name; // a workspace stores each client under its own name
    state.state = stateName(m_client.state());
    if (!m_client.isConnected())
        state.problem = m_setupError.isEmpty() ? m_problem : m_setupError;
    state.localPort = m_client.localPort();
    state.messagesIn = m_client.messagesIn();
    state.messagesOut = m_client.messagesOut();
    state.bytesIn = m_client.bytesIn();
    state.bytesOut = m_client.bytesOut();
    state.unconfirmedMessages = m_client.unconfirmedMessageCount();
    return state;
}

void SpawnedClient::onConnected()
{
    m_problem.clear();
    m_collector->addEvent(EventKind::Connected, m_name,
                          tr("connected to %1 from port %2")
                              .arg(netcore::Endpoint::format(m_spec.host, m_spec.port)).arg(m_client.localPort()));
}

void SpawnedClient::onDisconnected(netcore::DisconnectReason reason, const QString &detail)
{
    if (reason != netcore::DisconnectReason::ClosedLocally)
        m_problem = detail;
    m_collector->addEvent(EventKind::Disconnected, m_name,
                          tr("disconnected: %1 (%2)").arg(detail, netcore::disconnectReasonName(reason)));
}

void SpawnedClient::onMessageReceived(const netcore::Message &message)
{
    m_collector->addEntry(m_source, Direction::In, message);
}

void SpawnedClient::onErrorOccurred(const netcore::Error &error)
{
    if (!m_client.isConnected())
        m_problem = error.message; // refused, unreachable, TLS failed: why it is not connected
    m_collector->addEvent(EventKind::Error, m_name,
                          QStringLiteral("%1: %2").arg(netcore::errorCodeName(error.code), error.message),
                          error.code);
}

} // namespace wirebench
