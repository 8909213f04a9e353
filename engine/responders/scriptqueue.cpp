#include "scriptqueue.h"

#include <utility>

namespace wirebench {

qint64 ScriptQueue::weight(const ScriptEvent &event)
{
    return event.message.payload().size() + event.message.channel().size() * qint64(sizeof(QChar));
}

ScriptQueue::Pushed ScriptQueue::push(ScriptEvent &&event)
{
    const bool isMessage = event.kind == ScriptEvent::Kind::Received;
    const qint64 bytes = isMessage ? weight(event) : 0;
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_stopped)
        return Pushed::Refused;
    if (isMessage) {
        // A lone message larger than the byte bound still goes when nothing else waits.
        if (m_messages >= m_maxMessages || (m_messages > 0 && m_bytes + bytes > m_maxBytes)) {
            return ++m_refused == 1 ? Pushed::FirstRefused : Pushed::Refused;
        }
        ++m_messages;
        m_bytes += bytes;
    }
    m_events.push_back(std::move(event));
    if (m_waiting) {
        m_waiting = false;
        m_arrived.notify_one();
    }
    return Pushed::Queued;
}

bool ScriptQueue::take(std::vector<ScriptEvent> *batch, Clock::time_point until)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_stopped && m_events.empty()) {
        m_waiting = true;
        if (until == Clock::time_point::max())
            m_arrived.wait(lock);
        else if (m_arrived.wait_until(lock, until) == std::cv_status::timeout)
            break;
    }
    m_waiting = false;
    if (m_stopped)
        return false;
    batch->swap(m_events);
    return true;
}

void ScriptQueue::release(const std::vector<ScriptEvent> &batch)
{
    qsizetype messages = 0;
    qint64 bytes = 0;
    for (const ScriptEvent &event : batch) {
        if (event.kind == ScriptEvent::Kind::Received) {
            ++messages;
            bytes += weight(event);
        }
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_messages -= messages;
    m_bytes -= bytes;
}

void ScriptQueue::stop()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stopped = true;
    m_events.clear();
    m_arrived.notify_all();
}

qint64 ScriptQueue::takeRefused()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return std::exchange(m_refused, 0);
}

} // namespace wirebench
