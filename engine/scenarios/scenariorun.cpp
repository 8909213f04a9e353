#include "scenariorun.h"

#include <engine/scenarios/scenariorunner.h>
#include <engine/threadend.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QThread>

namespace wirebench {

namespace {

/** A top-level step's path names no step inside it: "steps[3]", not "steps[3].steps[1]". */
bool isTopLevel(const QString &path) { return !path.contains(QLatin1Char('.')); }

ScenarioRun::Outcome outcomeOf(ScenarioRunner::Outcome outcome)
{
    switch (outcome) {
    case ScenarioRunner::Outcome::Passed: return ScenarioRun::Outcome::Passed;
    case ScenarioRunner::Outcome::Failed: return ScenarioRun::Outcome::Failed;
    case ScenarioRunner::Outcome::ConnectFailed: return ScenarioRun::Outcome::ConnectFailed;
    }
    return ScenarioRun::Outcome::Failed;
}

} // namespace

class ScenarioRun::Private
{
public:
    Scenario scenario;
    std::unique_ptr<QThread> thread; ///< the run's; gone once finished() was emitted
    QList<StepResult> results;
    QString failure;
    qint64 elapsedMsecs = 0;
    QElapsedTimer runClock;
    QElapsedTimer stepClock;         ///< since the latest top-level step began
    QString currentPath;             ///< the top-level step under way, or empty
    Outcome outcome = Outcome::Passed;
    bool running = false;
    bool stopping = false;
    bool ended = false;              ///< the runner reached its end; its outcome is in `outcome`
};

ScenarioRun::ScenarioRun(QObject *parent) : QObject(parent), d(std::make_unique<Private>()) {}

ScenarioRun::~ScenarioRun()
{
    if (d->thread) {
        d->thread->quit();
        ThreadEnd::wait(d->thread.get()); // the runner and its sockets are deleted in there before this returns
    }
}

bool ScenarioRun::start(const Scenario &scenario)
{
    if (d->running) {
        qWarning("wirebench::ScenarioRun::start: a run is under way");
        return false;
    }
    d->scenario = scenario;
    d->results.clear();
    d->failure.clear();
    d->elapsedMsecs = 0;
    d->currentPath.clear();
    d->running = true;
    d->stopping = false;
    d->ended = false;
    d->runClock.start();
    d->stepClock.start();

    d->thread = std::make_unique<QThread>();
    d->thread->setObjectName(QStringLiteral("scenario-run"));
    // The runner's home in the thread: deleted there when the thread ends, and the runner with it.
    auto *home = new QObject;
    home->moveToThread(d->thread.get());
    connect(d->thread.get(), &QThread::finished, home, &QObject::deleteLater);
    // Direct, and the last of finished()'s connections: ThreadEnd::leaving() must follow the rest.
    connect(d->thread.get(), &QThread::finished, this, [this, thread = d->thread.get()] {
        QMetaObject::invokeMethod(this, &ScenarioRun::onThreadFinished, Qt::QueuedConnection);
        ThreadEnd::leaving(thread); // last: nothing of ours in the thread may follow it
    }, Qt::DirectConnection);
    QMetaObject::invokeMethod(
        home,
        [this, home, scenario] {
            auto *runner = new ScenarioRunner(scenario, home);
            connect(runner, &ScenarioRunner::stepStarted, this, &ScenarioRun::onStepStarted, Qt::QueuedConnection);
            connect(runner, &ScenarioRunner::stepFinished, this, &ScenarioRun::onStepFinished, Qt::QueuedConnection);
            connect(runner, &ScenarioRunner::finished, home, [this, runner](ScenarioRunner::Outcome outcome) {
                // Read here, in the runner's thread; carried over after the steps it reported.
                QMetaObject::invokeMethod(
                    this,
                    [this, result = outcomeOf(outcome), failure = runner->failure(), msecs = runner->elapsedMsecs()] {
                        onRunnerFinished(result, failure, msecs);
                    },
                    Qt::QueuedConnection);
                QThread::currentThread()->quit();
            });
            runner->start();
        },
        Qt::QueuedConnection);
    d->thread->start();
    return true;
}

void ScenarioRun::stop()
{
    if (!d->running || d->stopping)
        return;
    d->stopping = true;
    d->thread->quit(); // what the runner reported before this still arrives, then onThreadFinished()
}

bool ScenarioRun::isRunning() const { return d->running; }

const QList<StepResult> &ScenarioRun::results() const { return d->results; }

const QString &ScenarioRun::failure() const { return d->failure; }

qint64 ScenarioRun::elapsedMsecs() const { return d->elapsedMsecs; }

void ScenarioRun::onStepStarted(const QString &path, const QString &iteration)
{
    if (isTopLevel(path)) {
        d->currentPath = path;
        d->stepClock.start();
    }
    emit stepStarted(path, iteration);
}

void ScenarioRun::onStepFinished(const StepResult &result)
{
    if (isTopLevel(result.path)) {
        d->results.append(result);
        d->currentPath.clear();
    }
    emit stepFinished(result);
}

void ScenarioRun::onRunnerFinished(Outcome outcome, const QString &failure, qint64 elapsedMsecs)
{
    d->ended = true;
    d->outcome = outcome;
    d->failure = failure;
    d->elapsedMsecs = elapsedMsecs;
}

void ScenarioRun::onThreadFinished()
{
    ThreadEnd::wait(d->thread.get()); // it emitted finished() on its way out; let it be gone
    d->thread.reset();
    const Outcome outcome = d->ended ? d->outcome : Outcome::Stopped;
    if (!d->ended) {
        d->elapsedMsecs = d->runClock.elapsed();
        d->failure = tr("stopped before the end");
        const QList<ScenarioStep> &steps = d->scenario.steps();
        for (qsizetype i = d->results.size(); i < steps.size(); ++i) {
            StepResult skipped;
            skipped.path = steps.at(i).path;
            skipped.summary = steps.at(i).summary;
            skipped.status = StepResult::Status::Skipped;
            if (skipped.path == d->currentPath) {
                skipped.elapsedMsecs = d->stepClock.elapsed();
                skipped.detail = tr("stopped while it ran");
            }
            d->results.append(skipped);
            emit stepFinished(skipped);
        }
    }
    d->running = false;
    d->stopping = false;
    emit finished(outcome);
}

} // namespace wirebench
