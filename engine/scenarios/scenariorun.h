#pragma once

#include <engine/scenarios/scenario.h>
#include <engine/scenarios/stepresult.h>

#include <QtCore/QObject>

#include <memory>

namespace wirebench {

/**
 * Runs a Scenario in a thread of its own, for a GUI: the ScenarioRunner and
 * its sockets are made, run and deleted in that thread, and what it reports
 * comes back queued to this object's thread, in order. stop() ends a run at
 * once; the steps that did not finish are reported skipped. One run at a
 * time; the destructor stops the one under way and waits for its thread.
 */
class ScenarioRun : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ScenarioRun)

public:
    enum class Outcome {
        Passed,        ///< every step passed
        Failed,        ///< a step failed
        ConnectFailed, ///< a client could not connect; no step ran
        Stopped,       ///< stop() ended it before its end
    };
    Q_ENUM(Outcome)

    explicit ScenarioRun(QObject *parent = nullptr);
    ~ScenarioRun() override;

    /** Starts running @p scenario; false (with a warning) while a run is under way. */
    bool start(const Scenario &scenario);
    /** Ends the run under way without waiting for it; finished(Stopped) follows. Nothing if none is. */
    void stop();
    /** From start() until finished() is emitted. */
    bool isRunning() const;

    /** The top-level steps' results of the run under way or the last one, in order. */
    const QList<StepResult> &results() const;
    /** Why the last run failed, in a line; empty if it passed or is under way. */
    const QString &failure() const;
    /** How long the last run took, connecting included. */
    qint64 elapsedMsecs() const;

Q_SIGNALS:
    /** The step at @p path begins (@p iteration: "repeat 2 of 3", or empty). */
    void stepStarted(const QString &path, const QString &iteration);
    /** A step ended: as ScenarioRunner::stepFinished, and after stop() the top-level steps that did not. */
    void stepFinished(const wirebench::StepResult &result);
    /** The run is over; results(), failure() and elapsedMsecs() say how. Never emitted from start() or stop(). */
    void finished(wirebench::ScenarioRun::Outcome outcome);

private:
    class Private;

    void onStepStarted(const QString &path, const QString &iteration);
    void onStepFinished(const StepResult &result);
    void onRunnerFinished(Outcome outcome, const QString &failure, qint64 elapsedMsecs);
    void onThreadFinished();

    std::unique_ptr<Private> d;
};

} // namespace wirebench
