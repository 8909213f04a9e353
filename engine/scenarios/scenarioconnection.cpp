#include "scenarioconnection.h"

#include <engine/recording/recorder.h>
#include <engine/responders/replytemplate.h>

#include <netcore/endpoint.h>
#include <netcore/messageinbox.h>

namespace wirebench {

ScenarioConnection::ScenarioConnection(const ScenarioClient &client, QObject *parent)
    : QObject(parent), m_client(client), m_socket(client.codec)
{
    m_socket.setAutoReconnect(false); // a scenario tests one connection: a lost one is a result
    m_socket.inbox().setCapacity(0);  // the arrivals here are the only copy that is read
    connect(&m_socket, &netcore::Client::connected, this, &ScenarioConnection::onConnected);
    connect(&m_socket, &netcore::Client::messageReceived, this, &ScenarioConnection::onMessageReceived);
    connect(&m_socket, &netcore::Client::errorOccurred, this, &ScenarioConnection::onErrorOccurred);
    connect(&m_socket, &netcore::Client::disconnected, this, &ScenarioConnection::onDisconnected);
    connect(&m_socket, &netcore::Client::stateChanged, this, [this](netcore::Client::State state) {
        if (m_closing && state == netcore::Client::State::Disconnected) {
            if (m_recorder && m_connected && !m_closed)
                m_recorder->disconnected(m_number, netcore::DisconnectReason::ClosedLocally, {}, false);
            emit shutDown();
        }
    });
}

ScenarioConnection::~ScenarioConnection() = default;

QString ScenarioConnection::address() const
{
    return netcore::Endpoint::format(m_client.host, m_client.port);
}

void ScenarioConnection::setRecorder(Recorder *recorder, quint64 number)
{
    m_recorder = recorder;
    m_number = number;
}

void ScenarioConnection::open()
{
    m_socket.connectToHost(m_client.host, m_client.port);
}

void ScenarioConnection::close()
{
    m_closing = true;
    m_socket.disconnectFromHost();
}

bool ScenarioConnection::send(const ReplyTemplate &reply, QString *error)
{
    if (m_closed) {
        *error = tr("the connection is closed: %1").arg(m_closeReason);
        return false;
    }
    TemplateContext context;
    context.seq = ++m_sends;
    context.peer = address();
    netcore::Message message;
    if (!reply.render(context, &message, error))
        return false;
    m_sending = true;
    const bool sent = m_socket.send(message);
    m_sending = false;
    if (!sent)
        *error = m_socket.errorString();
    else if (m_recorder)
        m_recorder->message(m_number, ProxyDirection::ClientToServer, message);
    return sent;
}

void ScenarioConnection::onConnected()
{
    m_connected = true;
    if (m_recorder)
        m_recorder->connected(m_number, QStringLiteral("%1 (port %2)") // a client knows its name, not its address
                                            .arg(m_client.name.isEmpty() ? QStringLiteral("client") : m_client.name)
                                            .arg(m_socket.localPort()));
    emit connected();
}

void ScenarioConnection::onMessageReceived(const netcore::Message &message)
{
    if (m_recorder)
        m_recorder->message(m_number, ProxyDirection::ServerToClient, message);
    m_arrivals.enqueue({message, {}});
    emit changed();
}

void ScenarioConnection::onErrorOccurred(const netcore::Error &error)
{
    if (m_recorder && m_connected)
        m_recorder->error(m_number, error, ProxyDirection::ServerToClient);
    if (m_sending || m_closing)
        return;
    if (!m_connected) {
        emit connectFailed(error.message);
        return;
    }
    if (!error.rawFrame.isEmpty() || error.isStreamError()) {
        m_arrivals.enqueue({{}, tr("a frame the codec refused: %1").arg(error.message)});
        emit changed();
        return;
    }
    m_lastError = error.message;
}

void ScenarioConnection::onDisconnected(netcore::DisconnectReason reason, const QString &detail)
{
    if (m_closing || m_closed)
        return;
    m_closed = true;
    if (m_recorder)
        m_recorder->disconnected(m_number, reason, detail, false);
    m_closeReason = detail.isEmpty() ? netcore::disconnectReasonName(reason) : detail;
    if (!m_lastError.isEmpty() && !m_closeReason.contains(m_lastError))
        m_closeReason += QStringLiteral(" (%1)").arg(m_lastError);
    emit changed();
}

} // namespace wirebench
