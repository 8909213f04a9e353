#pragma once

#include <engine/responders/scriptbridge.h>
#include <engine/responders/scripttimers.h>

#include <QtCore/QCoreApplication>
#include <QtQml/QJSEngine>
#include <QtQml/QJSValue>

namespace wirebench {

class ScriptWatchdog;
struct ScriptEvent;

/**
 * One script on its own QJSEngine, in the thread that made it: runs the
 * top level, then the handlers for each event (onConnect, onMessage,
 * onDisconnect) and the timers' callbacks, each watched by the watchdog.
 * What a handler returns is sent; a throw, a timeout or a return that is
 * no reply is reported to the outlet as a ScriptError, and the script goes
 * on with the next event.
 */
class ScriptRuntime
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::ScriptRuntime)
    Q_DISABLE_COPY(ScriptRuntime)

public:
    explicit ScriptRuntime(ScriptWatchdog &watchdog);
    ~ScriptRuntime();

    /** Runs the top level of @p source; false with @p error ("FILE:LINE: SyntaxError: ...") if it fails. */
    bool load(const QString &source, const QString &fileName, QString *error);
    /** One event, its handler and its replies. */
    void handle(const ScriptEvent &event);
    /** The timers that are due, and the promise reactions the script queued. */
    void runPending();
    /** When the next timer is due (time_point::max(): none). */
    ScriptTimers::Clock::time_point nextTimer() const { return m_bridge.timers().next(); }
    /** Where reports go: the outlet of the latest event (nullptr before the first). */
    ResponderOutlet *outlet() const { return m_bridge.outlet(); }

private:
    enum class Call { Returned, Failed, Stopped };

    /** "onMessage: TypeError: ... (line 12)": the error's text, and the script's line it came from. */
    static QString describe(const QString &where, const QJSValue &error);

    /** The script's line an error came from (its own, or the first frame of the script in its stack); 0: none. */
    static int scriptLine(const QJSValue &error);
    Call call(const QJSValue &hook, const QJSValueList &arguments, const QString &where, quint64 connection,
              QJSValue *result);
    void fail(quint64 connection, const QString &message);
    QJSValue connectionObject(quint64 connection, const QString &peer);
    void received(const ScriptEvent &event);

    ScriptWatchdog &m_watchdog;
    QJSEngine m_engine; ///< before every QJSValue below: they must go first
    ScriptBridge m_bridge;
    QJSValue m_connection;
    QJSValue m_connected;
    QJSValue m_message;
    QJSValue m_disconnected;
    QJSValue m_timer;
};

} // namespace wirebench
