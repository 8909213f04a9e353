#pragma once

#include <QtCore/QString>
#include <QtCore/QThread>

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace wirebench {

class ScriptQueue;
class ScriptRuntime;
class ScriptWatchdog;

/**
 * The thread a script runs in: makes its ScriptRuntime (so the engine
 * lives and dies here), runs the top level, then handles what the queue
 * brings, a batch per wake-up, and the timers as they come due. The
 * netcore I/O threads and the host's thread never wait for JavaScript.
 */
class ScriptThread : public QThread
{
    Q_OBJECT
    Q_DISABLE_COPY(ScriptThread)

public:
    ScriptThread(ScriptQueue &queue, ScriptWatchdog &watchdog, const QString &source, const QString &fileName);
    /** Stops (see stop()) and waits for the thread to end. */
    ~ScriptThread() override;

    /** Starts the thread and waits until the top level ran: "" or why it failed (the thread has ended then). */
    QString load();
    /** Interrupts what runs, drops what waits, and returns once the thread is done with the script. */
    void stop();

    /** Messages the script was given so far (for measurements). Thread-safe. */
    quint64 handledMessages() const { return m_handled.load(std::memory_order_relaxed); }

protected:
    void run() override;

private:
    enum class State { Idle, Loading, Serving, Finished };

    void serve(ScriptRuntime &runtime);
    void reportRefused(ScriptRuntime &runtime);
    void setState(State state, const QString &error = {});

    ScriptQueue &m_queue;
    ScriptWatchdog &m_watchdog;
    const QString m_source;
    const QString m_fileName;
    std::atomic<quint64> m_handled{0};
    /// The state's changes, seen by load() and stop() through a lock ThreadSanitizer sees (QThread::wait()'s it does not).
    std::mutex m_mutex;
    std::condition_variable m_changed;
    State m_state = State::Idle;
    QString m_error;
};

} // namespace wirebench
