#pragma once

#include <engine/scenarios/scenario.h>
#include <engine/scenarios/stepresult.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QTimer>

namespace wirebench {

class Recorder;
class ScenarioConnection;

/**
 * Runs a Scenario on the event loop: connects every client, and once all
 * are up runs the steps in order, waiting for what they expect without
 * blocking. Stops at the first step that fails; the steps after it are
 * skipped. Lives in its creator's thread, with its clients.
 *
 * An expectation takes the oldest message its client received and not
 * consumed yet (kept from the connect on), or waits for the next one up
 * to its timeout. A message that does not match fails the step, unless
 * the step skips others.
 */
class ScenarioRunner : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ScenarioRunner)

public:
    enum class Outcome {
        Passed,         ///< every step passed
        Failed,         ///< a step failed: an expectation not met, a send refused
        ConnectFailed,  ///< a client could not connect; no step ran
    };
    Q_ENUM(Outcome)

    explicit ScenarioRunner(const Scenario &scenario, QObject *parent = nullptr);
    ~ScenarioRunner() override;

    /** Records every client's conversation into @p recorder, client i as "conn" i + 1; before start(). */
    void setRecorder(Recorder *recorder);

    /** Starts connecting; the steps, and finished(), follow on the event loop. Once only. */
    void start();

    /** The top-level steps' results so far: all of them, in order, once finished() was emitted. */
    const QList<StepResult> &results() const { return m_results; }
    /** Why the run failed, in a line naming the step or the client; empty if it passed. */
    const QString &failure() const { return m_failure; }
    /** From start() to finished(), connecting included. */
    qint64 elapsedMsecs() const { return m_elapsedMsecs; }

Q_SIGNALS:
    /** The step at @p path begins (@p iteration: "repeat 2 of 3", or empty). */
    void stepStarted(const QString &path, const QString &iteration);
    /** A step ended: every step that ran (those in repeats, each pass), then the skipped top-level ones. */
    void stepFinished(const wirebench::StepResult &result);
    /** The run is over; results() and failure() say how. Emitted from the event loop, never from start(). */
    void finished(wirebench::ScenarioRunner::Outcome outcome);

private:
    /** Where the run is in one list of steps: the top level, or one repeat's body. */
    struct Frame
    {
        const QList<ScenarioStep> *steps = nullptr;
        qsizetype index = 0;
        int pass = 1;                       ///< which pass of the repeat, from 1
        const ScenarioStep *repeat = nullptr; ///< the repeat step this is the body of; none at the top
        QElapsedTimer clock;                ///< since the repeat began
    };

    void onConnected();
    void onConnectFailed(const ScenarioConnection *connection, const QString &reason);
    void onChanged(const ScenarioConnection *connection);
    void onTimeout();

    /** Runs steps until one must wait, or the end. */
    void advance();
    /** Begins @p step: runs it to its end, or leaves it waiting (m_waiting) for its client or the timer. */
    void begin(const ScenarioStep &step);
    /** Whether the waiting expectation is decided by what its client has; passes or fails it if so. */
    bool settle();
    void pass();
    void fail(const QString &detail);
    /** Records and reports @p result at the current depth; false if a slot deleted this. */
    bool report(const StepResult &result);
    /** Reports the top-level steps after the current one as skipped; false if a slot deleted this. */
    bool skipRest();
    /** Closes the clients in order, then announces @p outcome. */
    void finish(Outcome outcome);
    /** Emits finished() once the clients are closed (or the wait for them ran out). */
    void announce();

    /** "repeat 2 of 3" for the frames up to @p depth (exclusive), joined. */
    QString iteration(qsizetype depth) const;
    StepResult resultOf(const ScenarioStep &step, StepResult::Status status, qint64 msecs, const QString &detail,
                        qsizetype depth) const;
    /** "alice expected text matching /^pong/", or without the name for a scenario's one client. */
    QString expectation(const ScenarioStep &step) const;

    const Scenario m_scenario;
    QList<ScenarioConnection *> m_connections; ///< children, in Scenario::clients() order
    QList<Frame> m_frames;
    QList<StepResult> m_results;
    const ScenarioStep *m_current = nullptr;  ///< the step under way (not a repeat: its body's)
    const ScenarioStep *m_waiting = nullptr;  ///< m_current, when it waits for its client or the timer
    QTimer m_timer;
    QElapsedTimer m_stepClock;
    QElapsedTimer m_runClock;
    qint64 m_elapsedMsecs = 0;
    int m_connected = 0;
    bool m_started = false;
    bool m_advancing = false;
    bool m_finished = false;
    Outcome m_outcome = Outcome::Passed;
    bool m_loopReached = false; ///< finish() was followed by a turn of the event loop
    bool m_graceOver = false;   ///< the clients had closeGraceMsecs to close
    bool m_announced = false;
    QString m_failure;
};

} // namespace wirebench
