#include "replayclient.h"

namespace wirebench {

ReplayClient::ReplayClient(const Recording &recording, ReplaySpec spec, QObject *parent)
    : QObject(parent), m_spec(std::move(spec))
{
    ReplayConnection::Setup setup;
    setup.host = m_spec.host;
    setup.port = m_spec.port;
    setup.codec = recording.header().codec;
    setup.speed = m_spec.speed;
    setup.answerTimeoutMsecs = m_spec.answerTimeoutMsecs;
    setup.ignoreChannels = m_spec.compare.ignoreChannels;
    QList<Conversation> conversations = recording.conversations();
    if (!conversations.isEmpty()) // the wait before the first client connected is not replayed
        setup.originUs = conversations.first().startUs;
    for (Conversation &conversation : conversations) {
        m_toSend += conversation.messagesOf(ProxyDirection::ClientToServer).size();
        auto connection = std::make_unique<ReplayConnection>(std::move(conversation), setup, &m_clock);
        connect(connection.get(), &ReplayConnection::sent, this, [this] {
            ++m_sent;
            Q_EMIT progressed(m_done, m_sent);
        });
        connect(connection.get(), &ReplayConnection::finished, this, &ReplayClient::onConnectionFinished);
        m_connections.push_back(std::move(connection));
    }
}

ReplayClient::~ReplayClient() = default;

void ReplayClient::start()
{
    m_clock.start();
    if (m_connections.empty()) {
        report(); // nothing was recorded: nothing can differ
        return;
    }
    for (const auto &connection : m_connections)
        connection->start();
}

void ReplayClient::onConnectionFinished()
{
    ++m_done;
    Q_EMIT progressed(m_done, m_sent);
    if (m_done == int(m_connections.size()))
        report();
}

void ReplayClient::report()
{
    const ConversationComparer comparer(m_spec.compare);
    m_result = {};
    int number = 0;
    for (const auto &connection : m_connections) {
        ++number;
        if (!connection->connectError().isEmpty() && m_result.error.isEmpty())
            m_result.error = connection->connectError();
        m_result.conversations += 1;
        m_result.messages += comparer.compared(connection->expected(), ProxyDirection::ServerToClient).size();
        m_result.differences += comparer.compare(connection->expected(), connection->replayed(), number,
                                                 {ProxyDirection::ServerToClient});
    }
    m_finished = true;
    Q_EMIT finished();
}

QList<Conversation> ReplayClient::expected() const
{
    QList<Conversation> result;
    for (const auto &connection : m_connections)
        result.append(connection->expected());
    return result;
}

QList<Conversation> ReplayClient::replayed() const
{
    QList<Conversation> result;
    for (const auto &connection : m_connections)
        result.append(connection->replayed());
    return result;
}

} // namespace wirebench
