#include "scriptruntime.h"

#include "responderoutlet.h"
#include "scriptprelude.h"
#include "scriptqueue.h"
#include "scriptreplies.h"
#include "scriptwatchdog.h"

namespace wirebench {

ScriptRuntime::ScriptRuntime(ScriptWatchdog &watchdog) : m_watchdog(watchdog), m_bridge(m_engine)
{
    m_watchdog.setEngine(&m_engine);
}

ScriptRuntime::~ScriptRuntime()
{
    m_watchdog.setEngine(nullptr);
}

bool ScriptRuntime::load(const QString &source, const QString &fileName, QString *error)
{
    // The bridge is this runtime's, not the garbage collector's.
    QJSEngine::setObjectOwnership(&m_bridge, QJSEngine::CppOwnership);
    const QJSValue prelude = m_engine.evaluate(ScriptPrelude::source(), ScriptPrelude::fileName());
    const QJSValue hooks = prelude.call({m_engine.newQObject(&m_bridge), m_engine.globalObject()});
    Q_ASSERT(!hooks.isError());
    m_connection = hooks.property(QStringLiteral("connection"));
    m_connected = hooks.property(QStringLiteral("connected"));
    m_message = hooks.property(QStringLiteral("message"));
    m_disconnected = hooks.property(QStringLiteral("disconnected"));
    m_timer = hooks.property(QStringLiteral("timer"));

    QStringList trace;
    m_watchdog.setBusy(true);
    m_watchdog.begin();
    const QJSValue result = m_engine.evaluate(source + ScriptPrelude::trailer(), fileName, 1, &trace);
    const ScriptWatchdog::Outcome outcome = m_watchdog.end();
    m_watchdog.setBusy(false);
    switch (outcome) {
    case ScriptWatchdog::Outcome::TimedOut:
        *error = tr("%1: the top level timed out after %2 ms").arg(fileName).arg(m_watchdog.timeoutMsecs());
        return false;
    case ScriptWatchdog::Outcome::Stopped:
        *error = tr("%1: stopped before the top level finished").arg(fileName);
        return false;
    case ScriptWatchdog::Outcome::Finished:
        break;
    }
    if (!result.isError() && trace.isEmpty())
        return true;
    // A thrown value that is not an Error leaves a trace but no line of its own.
    const QString text = result.isError() ? result.toString() : tr("uncaught exception: %1").arg(result.toString());
    // An error at the end of the text (an unclosed brace) shows on the trailer's line: the script's last.
    const int line = result.isError() ? qMin(scriptLine(result), int(source.count(QLatin1Char('\n'))) + 1) : 0;
    *error = line > 0 ? QStringLiteral("%1:%2: %3").arg(fileName).arg(line).arg(text)
                      : QStringLiteral("%1: %2").arg(fileName, text);
    return false;
}

void ScriptRuntime::handle(const ScriptEvent &event)
{
    m_bridge.setOutlet(event.outlet);
    switch (event.kind) {
    case ScriptEvent::Kind::Connected: {
        const QJSValue conn = connectionObject(event.connection, event.text);
        if (!conn.isUndefined())
            call(m_connected, {conn}, QStringLiteral("onConnect"), event.connection, nullptr);
        break;
    }
    case ScriptEvent::Kind::Received:
        received(event);
        break;
    case ScriptEvent::Kind::Disconnected: {
        const QJSValue conn = m_bridge.connection(event.connection);
        if (!conn.isUndefined())
            call(m_disconnected, {conn, QJSValue(event.text)}, QStringLiteral("onDisconnect"), event.connection, nullptr);
        m_bridge.forget(event.connection);
        break;
    }
    }
}

void ScriptRuntime::received(const ScriptEvent &event)
{
    const quint64 connection = event.connection;
    const netcore::Message &message = event.message;
    QJSValue conn = m_bridge.connection(connection);
    if (conn.isUndefined())
        conn = connectionObject(connection, event.outlet->peerOf(connection)); // opened before this script took over
    if (conn.isUndefined())
        return;
    const bool isText = message.type() == netcore::MessageType::Text || message.type() == netcore::MessageType::Json;
    QJSValue result;
    const Call outcome = call(m_message,
                              {conn, QJSValue(message.channel()), QJSValue(int(message.type())),
                               QJSValue(double(message.id())), QJSValue(double(message.payload().size())),
                               isText ? QJSValue(QString::fromUtf8(message.payload())) : QJSValue(),
                               isText ? QJSValue() : m_engine.toScriptValue(message.payload())},
                              QStringLiteral("onMessage"), connection, &result);
    if (outcome != Call::Returned)
        return;
    QList<netcore::Message> replies;
    QString error;
    if (!ScriptReplies::toMessages(m_engine, result, message, &replies, &error)) {
        fail(connection, tr("onMessage returned what is not a reply: %1").arg(error));
        return;
    }
    for (const netcore::Message &reply : std::as_const(replies))
        m_bridge.outlet()->send(connection, reply);
}

void ScriptRuntime::runPending()
{
    const std::vector<ScriptTimers::Timer> due = m_bridge.timers().takeDue(ScriptTimers::Clock::now());
    for (const ScriptTimers::Timer &timer : due) {
        if (call(m_timer, {timer.callback}, QStringLiteral("after"), timer.connection, nullptr) == Call::Stopped)
            return;
    }
    // Promise reactions come as events posted to this thread, which has no event loop of its own.
    m_watchdog.begin();
    QCoreApplication::sendPostedEvents();
    if (m_watchdog.end() == ScriptWatchdog::Outcome::TimedOut)
        fail(0, tr("a promise reaction timed out after %1 ms").arg(m_watchdog.timeoutMsecs()));
}

ScriptRuntime::Call ScriptRuntime::call(const QJSValue &hook, const QJSValueList &arguments, const QString &where,
                                        quint64 connection, QJSValue *result)
{
    m_bridge.setCurrent(connection);
    m_watchdog.begin();
    QJSValue value = hook.call(arguments);
    const ScriptWatchdog::Outcome outcome = m_watchdog.end();
    m_bridge.setCurrent(0);
    switch (outcome) {
    case ScriptWatchdog::Outcome::Stopped:
        return Call::Stopped;
    case ScriptWatchdog::Outcome::TimedOut:
        fail(connection, tr("%1: timed out after %2 ms").arg(where).arg(m_watchdog.timeoutMsecs()));
        return Call::Failed;
    case ScriptWatchdog::Outcome::Finished:
        break;
    }
    if (value.isError()) {
        fail(connection, describe(where, value));
        return Call::Failed;
    }
    if (result)
        *result = std::move(value);
    return Call::Returned;
}

void ScriptRuntime::fail(quint64 connection, const QString &message)
{
    if (ResponderOutlet *outlet = m_bridge.outlet())
        outlet->fail(connection, QStringLiteral("ScriptError"), message);
}

QJSValue ScriptRuntime::connectionObject(quint64 connection, const QString &peer)
{
    // Watched too: a script may have put a setter on Object.prototype that runs here.
    QJSValue conn;
    if (call(m_connection, {QJSValue(double(connection)), QJSValue(peer)}, QStringLiteral("onConnect"), connection,
             &conn) != Call::Returned) {
        return QJSValue();
    }
    m_bridge.open(connection, conn);
    return conn;
}

QString ScriptRuntime::describe(const QString &where, const QJSValue &error)
{
    const int line = scriptLine(error);
    return line > 0 ? tr("%1: %2 (line %3)").arg(where, error.toString()).arg(line)
                    : QStringLiteral("%1: %2").arg(where, error.toString());
}

int ScriptRuntime::scriptLine(const QJSValue &error)
{
    const QString prelude = ScriptPrelude::fileName();
    if (!error.property(QStringLiteral("fileName")).toString().contains(prelude)) {
        const int line = error.property(QStringLiteral("lineNumber")).toInt();
        if (line > 0)
            return line;
    }
    // Thrown by the API (a reply that is not one): the line is the script's frame that called it.
    const QStringList frames = error.property(QStringLiteral("stack")).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &frame : frames) {
        if (frame.contains(prelude))
            continue;
        bool ok = false;
        const int line = frame.mid(frame.lastIndexOf(QLatin1Char(':')) + 1).toInt(&ok);
        if (ok && line > 0)
            return line;
    }
    return 0;
}

} // namespace wirebench
