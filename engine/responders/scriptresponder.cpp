#include "scriptresponder.h"

#include "responderoutlet.h"
#include "scriptqueue.h"
#include "scriptthread.h"
#include "scriptwatchdog.h"

#include <netcore/connectioninfo.h>

#include <QtCore/QFile>
#include <QtQml/QJSEngine>

namespace wirebench {

namespace {

/** How long a syntax check lets code that closes its wrapper early run in the throwaway engine. */
constexpr int syntaxCheckMsecs = 250;

} // namespace

class ScriptResponder::Private
{
public:
    Private(const QString &source, const QString &fileName, int timeoutMsecs)
        : fileName(fileName), watchdog(timeoutMsecs), thread(queue, watchdog, source, fileName)
    {
    }

    const QString fileName;
    ScriptQueue queue;
    ScriptWatchdog watchdog;
    ScriptThread thread; ///< last: it ends before the queue and the watchdog go
};

ScriptResponder::ScriptResponder(std::unique_ptr<Private> d) : d(std::move(d)) {}

ScriptResponder::~ScriptResponder()
{
    d->thread.stop();
}

std::shared_ptr<ScriptResponder> ScriptResponder::load(const QString &fileName, int timeoutMsecs, QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("%1: cannot read: %2").arg(fileName, file.errorString());
        return nullptr;
    }
    return fromSource(QString::fromUtf8(file.readAll()), fileName, timeoutMsecs, error);
}

std::shared_ptr<ScriptResponder> ScriptResponder::fromSource(const QString &source, const QString &fileName,
                                                             int timeoutMsecs, QString *error)
{
    auto d = std::make_unique<Private>(source, fileName, timeoutMsecs);
    const QString failure = d->thread.load();
    if (!failure.isEmpty()) {
        *error = failure;
        return nullptr;
    }
    return std::shared_ptr<ScriptResponder>(new ScriptResponder(std::move(d)));
}

QString ScriptResponder::checkSyntax(const QString &source)
{
    QJSEngine engine;
    ScriptWatchdog watchdog(syntaxCheckMsecs);
    watchdog.setEngine(&engine);
    watchdog.setBusy(true);
    watchdog.begin();
    // A function's body is compiled, not run. Text that closes the function early does run,
    // but in this bare engine with nothing to reach, and only until the watchdog stops it.
    const QJSValue result = engine.evaluate(QStringLiteral("(function () {") + source + QStringLiteral("\n})"),
                                            QStringLiteral("script"));
    watchdog.end();
    watchdog.setBusy(false);
    watchdog.setEngine(nullptr);
    if (!result.isError() || result.property(QStringLiteral("name")).toString() != QLatin1String("SyntaxError"))
        return QString();
    const int lines = int(source.count(QLatin1Char('\n'))) + 1;
    const int line = qBound(1, result.property(QStringLiteral("lineNumber")).toInt(), lines);
    return tr("line %1: %2").arg(line).arg(result.property(QStringLiteral("message")).toString());
}

QString ScriptResponder::fileName() const
{
    return d->fileName;
}

int ScriptResponder::timeoutMsecs() const
{
    return d->watchdog.timeoutMsecs();
}

quint64 ScriptResponder::handledMessages() const
{
    return d->thread.handledMessages();
}

void ScriptResponder::connected(ResponderOutlet &outlet, const netcore::ConnectionInfo &info)
{
    d->queue.push({ScriptEvent::Kind::Connected, &outlet, info.id, {}, info.peerString()});
}

void ScriptResponder::received(ResponderOutlet &outlet, quint64 connection, const netcore::MessageView &message)
{
    const ScriptQueue::Pushed pushed = d->queue.push({ScriptEvent::Kind::Received, &outlet, connection, message.toMessage(), {}});
    if (pushed == ScriptQueue::Pushed::FirstRefused) {
        // Once per overflow: the script thread reports how many went when it catches up.
        outlet.fail(connection, QStringLiteral("ScriptError"),
                    tr("the script is behind (%1 messages or %2 MiB wait): messages are dropped unanswered until it "
                       "catches up")
                        .arg(d->queue.maxMessages())
                        .arg(d->queue.maxBytes() / (1024 * 1024)));
    }
}

void ScriptResponder::disconnected(ResponderOutlet &outlet, quint64 connection, const QString &reason)
{
    d->queue.push({ScriptEvent::Kind::Disconnected, &outlet, connection, {}, reason});
}

} // namespace wirebench
