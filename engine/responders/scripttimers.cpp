#include "scripttimers.h"

namespace wirebench {

bool ScriptTimers::add(quint64 connection, qint64 msecs, const QJSValue &callback)
{
    if (qsizetype(m_timers.size()) >= maxTimers)
        return false;
    const Clock::time_point due = Clock::now() + std::chrono::milliseconds(qMax<qint64>(0, msecs));
    m_timers.emplace(due, Timer{connection, callback}); // after equal keys: the order they were set
    ++m_perConnection[connection];
    return true;
}

void ScriptTimers::cancel(quint64 connection)
{
    if (m_perConnection.take(connection) == 0)
        return;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->second.connection == connection)
            it = m_timers.erase(it);
        else
            ++it;
    }
}

ScriptTimers::Clock::time_point ScriptTimers::next() const
{
    return m_timers.empty() ? Clock::time_point::max() : m_timers.begin()->first;
}

std::vector<ScriptTimers::Timer> ScriptTimers::takeDue(Clock::time_point now)
{
    std::vector<Timer> due;
    auto it = m_timers.begin();
    for (; it != m_timers.end() && it->first <= now; ++it) {
        auto count = m_perConnection.find(it->second.connection);
        if (count != m_perConnection.end() && --*count == 0)
            m_perConnection.erase(count);
        due.push_back(std::move(it->second));
    }
    m_timers.erase(m_timers.begin(), it);
    return due;
}

void ScriptTimers::clear()
{
    m_timers.clear();
    m_perConnection.clear();
}

} // namespace wirebench
