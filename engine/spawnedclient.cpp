#include "spawnedclient.h"

#include <engine/clientsetup.h>
#include <engine/liverecording.h>

#include <netcore/codec.h>
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
    connect(&m_client, &netcore::Client::stateChanged, this, &SpawnedClient::onStateChanged);
    connect(&m_client, &netcore::Client::messageReceived, this, &SpawnedClient::onMessageReceived);
    connect(&m_client, &netcore::Client::errorOccurred, this, &SpawnedClient::onErrorOccurred);
    QString why;
    if (!ClientSetup::configure(spec, &m_client, &why))
        m_setupError = why;
    if (spec.login) {
        m_hasLogin = true;
        m_codec = netcore::Codec::create(spec.codec);
        // Connecting without it would talk to a server that waits for it first.
        if (!ComposedPayload::compose(spec.loginMessage, &m_login, &why) && m_setupError.isEmpty())
            m_setupError = tr("the login message cannot be sent: %1").arg(why);
    }
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

void SpawnedClient::send(const netcore::Message &message, SendTally *tally)
{
    const netcore::Client::State state = m_client.state();
    if (state == netcore::Client::State::Disconnected) {
        // netcore would queue it for a connection nobody is going to make: the user must know now.
        tally->refuse(tr("%1 is closed: connect it first (nothing was sent)").arg(m_name));
        return;
    }
    const netcore::Message sendable = asCarriedBy(m_spec.codec, message);
    if (m_hasLogin && state != netcore::Client::State::Connected) {
        hold(sendable, tally);
        return;
    }
    if (!m_client.send(sendable)) {
        tally->refuse(tr("%1 did not take it: %2").arg(m_name, m_client.errorString()));
        return;
    }
    if (state == netcore::Client::State::Connected) {
        log(Direction::Out, sendable);
        ++tally->sent;
    } else {
        m_queued.append(sendable);
        ++tally->queued;
    }
}

void SpawnedClient::hold(const netcore::Message &message, SendTally *tally)
{
    const int limit = m_client.maxPendingMessages();
    if (int(m_held.size()) + m_client.unconfirmedMessageCount() >= limit) {
        tally->refuse(tr("%1 did not take it: send queue full (%2 messages waiting for a connection)")
                          .arg(m_name).arg(limit));
        return;
    }
    QByteArray frame;
    netcore::Error error;
    if (!m_codec->encode(message, frame, &error)) {
        tally->refuse(tr("%1 did not take it: %2").arg(m_name, error.message));
        return;
    }
    m_held.append(message);
    ++tally->queued;
}

void SpawnedClient::logIn()
{
    netcore::Message login;
    QString why;
    if (!m_login.render(++m_logins, &login, &why)) {
        m_collector->addEvent(EventKind::Error, m_name, tr("login not sent: %1").arg(why));
    } else {
        login = asCarriedBy(m_spec.codec, login);
        if (m_client.send(login))
            log(Direction::Out, login);
        else
            m_collector->addEvent(EventKind::Error, m_name, tr("login not sent: %1").arg(m_client.errorString()));
    }
    // Connected, with netcore's queue empty: each goes out now, in order, after the login.
    for (const netcore::Message &message : std::exchange(m_held, {})) {
        if (m_client.send(message))
            log(Direction::Out, message);
    }
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
    state.recordingFile = m_recording ? m_recording->fileName() : QString();
    return state;
}

void SpawnedClient::setRecording(std::shared_ptr<LiveRecording> recording)
{
    m_recording = std::move(recording);
    if (m_recording && m_client.isConnected()) // its conversation is recorded from here on
        m_recording->recorder().connected(quint64(m_id), localEnd());
}

void SpawnedClient::log(Direction direction, const netcore::Message &message)
{
    m_collector->addEntry(m_source, direction, message);
    if (m_recording) {
        m_recording->recorder().message(quint64(m_id), direction == Direction::Out ? ProxyDirection::ClientToServer
                                                                                 : ProxyDirection::ServerToClient,
                                        message);
    }
}

QString SpawnedClient::localEnd() const
{
    // netcore::Client tells its local port only; the client is on this machine whatever it reached.
    return QStringLiteral("localhost:%1").arg(m_client.localPort());
}

void SpawnedClient::onConnected()
{
    m_problem.clear();
    if (m_recording) // before what was queued, which went out on this connection
        m_recording->recorder().connected(quint64(m_id), localEnd());
    // netcore wrote the queue before it said connected.
    for (const netcore::Message &message : std::as_const(m_queued))
        log(Direction::Out, message);
    m_queued.clear();
    m_collector->addEvent(EventKind::Connected, m_name,
                          tr("connected to %1 from port %2")
                              .arg(netcore::Endpoint::format(m_spec.host, m_spec.port)).arg(m_client.localPort()));
    if (m_hasLogin)
        logIn();
}

void SpawnedClient::onStateChanged(netcore::Client::State state)
{
    const qsizetype waiting = m_queued.size() + m_held.size();
    if (state == netcore::Client::State::Disconnected && waiting > 0) {
        m_collector->addEvent(EventKind::Info, m_name,
                              tr("queued messages wait until it is connected again: %1").arg(waiting));
    }
}

void SpawnedClient::onDisconnected(netcore::DisconnectReason reason, const QString &detail)
{
    if (reason != netcore::DisconnectReason::ClosedLocally)
        m_problem = detail;
    if (m_recording)
        m_recording->recorder().disconnected(quint64(m_id), reason, detail, false);
    m_collector->addEvent(EventKind::Disconnected, m_name,
                          tr("disconnected: %1 (%2)").arg(detail, netcore::disconnectReasonName(reason)));
}

void SpawnedClient::onMessageReceived(const netcore::Message &message)
{
    log(Direction::In, message);
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
