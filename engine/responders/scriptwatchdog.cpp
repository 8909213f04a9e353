#include "scriptwatchdog.h"

#include <QtQml/QJSEngine>

#include <chrono>

namespace wirebench {

ScriptWatchdog::ScriptWatchdog(int timeoutMsecs)
    : m_timeoutMsecs(qMax(1, timeoutMsecs)), m_thread([this] { watch(); })
{
}

ScriptWatchdog::~ScriptWatchdog()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_quit = true;
        m_wake.notify_all();
    }
    m_thread.join();
}

qint64 ScriptWatchdog::now()
{
    // + 1: 0 means "no call runs"
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count() + 1;
}

void ScriptWatchdog::setEngine(QJSEngine *engine)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_engine = engine;
    if (m_engine && isStopped())
        m_engine->setInterrupted(true);
}

void ScriptWatchdog::setBusy(bool busy)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_busy = busy;
    if (busy && m_sleeping)
        m_wake.notify_all();
}

void ScriptWatchdog::begin()
{
    m_started.store(now(), std::memory_order_release);
}

ScriptWatchdog::Outcome ScriptWatchdog::end()
{
    const qint64 started = m_started.exchange(0, std::memory_order_acq_rel);
    if (isStopped())
        return Outcome::Stopped;
    if (started != interrupting)
        return Outcome::Finished;
    // The lock waits for the watchdog's setInterrupted(true), which may follow its mark.
    std::lock_guard<std::mutex> lock(m_mutex);
    if (isStopped())
        return Outcome::Stopped;
    if (m_engine)
        m_engine->setInterrupted(false);
    return Outcome::TimedOut;
}

void ScriptWatchdog::stop()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stopped.store(true, std::memory_order_release);
    if (m_engine)
        m_engine->setInterrupted(true);
}

void ScriptWatchdog::watch()
{
    const std::chrono::milliseconds timeout(m_timeoutMsecs);
    bool idleBefore = false;
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_quit) {
        const qint64 started = m_started.load(std::memory_order_acquire);
        if (started == 0 || started == interrupting) {
            // A call that starts while this waits is seen within one timeout, so still in time.
            // Only after a whole idle round does it sleep until woken: a busy script is not
            // made to wake this thread for every batch.
            if (!m_busy && idleBefore) {
                m_sleeping = true;
                m_wake.wait(lock);
                m_sleeping = false;
                idleBefore = false;
            } else {
                idleBefore = !m_busy;
                m_wake.wait_for(lock, timeout);
            }
            continue;
        }
        const qint64 left = started + m_timeoutMsecs - now();
        if (left > 0) {
            m_wake.wait_for(lock, std::chrono::milliseconds(left));
            continue;
        }
        qint64 expected = started;
        if (m_started.compare_exchange_strong(expected, interrupting, std::memory_order_acq_rel) && m_engine)
            m_engine->setInterrupted(true);
    }
}

} // namespace wirebench
