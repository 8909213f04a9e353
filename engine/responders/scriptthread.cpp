#include "scriptthread.h"

#include "responderoutlet.h"
#include "scriptqueue.h"
#include "scriptruntime.h"
#include "scriptwatchdog.h"

namespace wirebench {

ScriptThread::ScriptThread(ScriptQueue &queue, ScriptWatchdog &watchdog, const QString &source, const QString &fileName)
    : m_queue(queue), m_watchdog(watchdog), m_source(source), m_fileName(fileName)
{
    setObjectName(QStringLiteral("wirebench-script"));
}

ScriptThread::~ScriptThread()
{
    stop();
}

QString ScriptThread::load()
{
    setState(State::Loading);
    start();
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return m_state == State::Serving || m_state == State::Finished; });
    return m_state == State::Finished ? m_error : QString();
}

void ScriptThread::stop()
{
    m_queue.stop();
    m_watchdog.stop();
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        if (m_state == State::Idle)
            return;
        m_changed.wait(lock, [this] { return m_state == State::Finished; });
    }
    wait();
}

void ScriptThread::setState(State state, const QString &error)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_state = state;
    m_error = error;
    m_changed.notify_all();
}

void ScriptThread::run()
{
    QString error;
    {
        ScriptRuntime runtime(m_watchdog);
        if (runtime.load(m_source, m_fileName, &error)) {
            setState(State::Serving);
            serve(runtime);
        }
    } // the engine goes here, in its own thread
    setState(State::Finished, error);
}

void ScriptThread::serve(ScriptRuntime &runtime)
{
    std::vector<ScriptEvent> batch;
    while (m_queue.take(&batch, runtime.nextTimer())) {
        m_watchdog.setBusy(true);
        quint64 messages = 0;
        for (const ScriptEvent &event : batch) {
            if (m_watchdog.isStopped())
                break;
            runtime.handle(event);
            messages += event.kind == ScriptEvent::Kind::Received ? 1 : 0;
        }
        m_handled.fetch_add(messages, std::memory_order_relaxed);
        runtime.runPending();
        reportRefused(runtime);
        m_queue.release(batch);
        batch.clear();
        m_watchdog.setBusy(false);
    }
}

void ScriptThread::reportRefused(ScriptRuntime &runtime)
{
    const qint64 refused = m_queue.takeRefused();
    if (refused > 0 && runtime.outlet()) {
        runtime.outlet()->fail(0, QStringLiteral("ScriptError"),
                               tr("%n message(s) dropped unanswered while the script was behind", nullptr, int(refused)));
    }
}

} // namespace wirebench
