#include "sessionledger.h"

#include <algorithm>
#include <vector>

namespace netcore {

void SessionLedger::open(quint64 connection, const DeliveryProtocol::Hello &hello)
{
    close(connection); // a second hello restarts the numbering
    auto it = m_sessions.find(hello.session);
    if (it == m_sessions.end()) {
        forgetIdleSessions();
        // New to this process: what the client numbers "next" is all it has not had confirmed.
        it = m_sessions.insert(hello.session, Session{hello.next, 0, 0});
    }
    ++it->openConnections;
    it->lastUsed = ++m_clock;
    m_streams.insert(connection, Stream{hello.session, hello.next});
}

bool SessionLedger::admit(quint64 connection)
{
    const auto stream = m_streams.find(connection);
    if (stream == m_streams.end())
        return true;
    Session &session = m_sessions[stream->session];
    session.lastUsed = ++m_clock;
    const quint64 number = stream->next++;
    if (number < session.delivered) {
        ++m_repeatsDropped;
        return false;
    }
    session.delivered = number + 1;
    return true;
}

quint64 SessionLedger::deliveredOf(quint64 connection) const
{
    const auto stream = m_streams.constFind(connection);
    if (stream == m_streams.cend())
        return 0;
    return m_sessions.value(stream->session).delivered;
}

void SessionLedger::close(quint64 connection)
{
    const auto stream = m_streams.constFind(connection);
    if (stream == m_streams.cend())
        return;
    const auto session = m_sessions.find(stream->session);
    if (session != m_sessions.end())
        --session->openConnections;
    m_streams.erase(stream);
}

void SessionLedger::forgetIdleSessions()
{
    if (m_sessions.size() < m_maxSessions)
        return;
    // Forget an eighth at once, so that the scan is paid once per many new sessions.
    std::vector<std::pair<quint64, QByteArray>> idle;
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
        if (it->openConnections == 0)
            idle.emplace_back(it->lastUsed, it.key());
    }
    const size_t toForget = std::min(idle.size(), size_t(std::max(1, m_maxSessions / 8)));
    std::partial_sort(idle.begin(), idle.begin() + std::ptrdiff_t(toForget), idle.end());
    for (size_t i = 0; i < toForget; ++i)
        m_sessions.remove(idle[i].second);
}

} // namespace netcore
