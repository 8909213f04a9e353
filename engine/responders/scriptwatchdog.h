#pragma once

#include <QtCore/QtGlobal>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

class QJSEngine;

namespace wirebench {

/**
 * Stops a script that runs too long. The script's thread brackets each
 * call into JavaScript with begin() and end(); a thread of the watchdog's
 * own interrupts the engine (QJSEngine::setInterrupted) when a call passes
 * the timeout, and end() makes the engine usable again. begin() and end()
 * cost two atomic stores, no lock: the watchdog sleeps until the running
 * call's deadline, and while the script is idle (setBusy(false)) until it
 * is woken.
 *
 *     script thread:  setBusy(true) begin() ... end() begin() ... end() setBusy(false)
 *     watchdog:       sleeps ........ deadline of the running call? interrupt ...... sleeps
 */
class ScriptWatchdog
{
public:
    enum class Outcome { Finished, TimedOut, Stopped };

    explicit ScriptWatchdog(int timeoutMsecs);
    ~ScriptWatchdog();
    Q_DISABLE_COPY(ScriptWatchdog)

    int timeoutMsecs() const { return m_timeoutMsecs; }

    /** The engine to interrupt (nullptr before it is destroyed). From the script's thread. */
    void setEngine(QJSEngine *engine);
    /** Whether the script's thread has work; begin() and end() only while it has. */
    void setBusy(bool busy);
    /** A call into JavaScript starts. */
    void begin();
    /** It returned: Finished, TimedOut (interrupted, the engine usable again) or Stopped (by stop()). */
    Outcome end();

    /** From any thread: interrupts what runs and every later call, for good. */
    void stop();
    bool isStopped() const { return m_stopped.load(std::memory_order_acquire); }

private:
    static constexpr qint64 interrupting = -1;

    static qint64 now();
    void watch();

    const int m_timeoutMsecs;
    /// 0: no call runs; > 0: when the running call began (now()); interrupting: it passed its deadline.
    std::atomic<qint64> m_started{0};
    std::atomic<bool> m_stopped{false};
    std::mutex m_mutex; ///< guards the fields below, and orders setInterrupted(true) before false
    std::condition_variable m_wake;
    QJSEngine *m_engine = nullptr;
    bool m_busy = false;
    bool m_sleeping = false; ///< waits for setBusy(true), with no deadline
    bool m_quit = false;
    std::thread m_thread; ///< last: it starts once the fields above exist
};

} // namespace wirebench
