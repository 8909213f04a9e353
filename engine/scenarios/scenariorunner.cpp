#include "scenariorunner.h"

#include "messagebrief.h"
#include "scenarioconnection.h"

#include <engine/responders/messagefacts.h>

#include <QtCore/QPointer>

#include <algorithm>

namespace wirebench {

namespace {

/** How long the clients may take to close in order (writing what they sent) before finished(). */
constexpr int closeGraceMsecs = 2000;

} // namespace

ScenarioRunner::ScenarioRunner(const Scenario &scenario, QObject *parent) : QObject(parent), m_scenario(scenario)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // "nothing within 2000 ms" must not be said at 1900
    connect(&m_timer, &QTimer::timeout, this, &ScenarioRunner::onTimeout);
    for (const ScenarioClient &client : m_scenario.clients()) {
        auto *connection = new ScenarioConnection(client, this);
        connect(connection, &ScenarioConnection::connected, this, &ScenarioRunner::onConnected);
        connect(connection, &ScenarioConnection::connectFailed, this,
                [this, connection](const QString &reason) { onConnectFailed(connection, reason); });
        connect(connection, &ScenarioConnection::changed, this, [this, connection] { onChanged(connection); });
        connect(connection, &ScenarioConnection::shutDown, this, [this] { announce(); });
        m_connections.append(connection);
    }
}

void ScenarioRunner::setRecorder(Recorder *recorder)
{
    for (qsizetype i = 0; i < m_connections.size(); ++i)
        m_connections[i]->setRecorder(recorder, quint64(i + 1));
}

ScenarioRunner::~ScenarioRunner()
{
    // Before the members go: a dying client must not find a half-destroyed runner.
    qDeleteAll(m_connections);
}

void ScenarioRunner::start()
{
    if (m_started) {
        qWarning("wirebench::ScenarioRunner::start: a runner runs once");
        return;
    }
    m_started = true;
    m_runClock.start();
    Frame top;
    top.steps = &m_scenario.steps();
    top.clock.start();
    m_frames.append(top);
    for (ScenarioConnection *connection : std::as_const(m_connections))
        connection->open();
}

void ScenarioRunner::onConnected()
{
    if (++m_connected == m_connections.size() && !m_finished)
        advance();
}

void ScenarioRunner::onConnectFailed(const ScenarioConnection *connection, const QString &reason)
{
    if (m_finished)
        return;
    const QString &name = connection->client().name;
    m_failure = name.isEmpty() ? reason : tr("client \"%1\": %2").arg(name, reason);
    if (skipRest())
        finish(Outcome::ConnectFailed);
}

void ScenarioRunner::onChanged(const ScenarioConnection *connection)
{
    if (m_finished || m_advancing || !m_waiting || m_waiting->action == ScenarioStep::Action::Sleep
        || m_connections.at(m_waiting->client) != connection)
        return;
    QPointer<ScenarioRunner> self(this);
    if (settle() && self)
        advance();
}

void ScenarioRunner::onTimeout()
{
    if (m_finished || !m_waiting)
        return;
    const ScenarioStep &step = *m_waiting;
    if (step.action == ScenarioStep::Action::Sleep) {
        QPointer<ScenarioRunner> self(this);
        pass();
        if (self)
            advance();
    } else if (step.action == ScenarioStep::Action::Expect) {
        fail(tr("%1; got nothing within %2 ms").arg(expectation(step)).arg(step.timeoutMsecs));
    } else {
        fail(tr("%1; it was still open after %2 ms").arg(expectation(step)).arg(step.timeoutMsecs));
    }
}

void ScenarioRunner::advance()
{
    if (m_advancing)
        return;
    m_advancing = true;
    QPointer<ScenarioRunner> self(this);
    while (self && !m_finished && !m_waiting) {
        Frame &frame = m_frames.last();
        if (frame.index < frame.steps->size()) {
            begin(frame.steps->at(frame.index));
            continue;
        }
        if (!frame.repeat) {
            finish(Outcome::Passed);
            break;
        }
        if (frame.pass < frame.repeat->repeatCount) {
            ++frame.pass;
            frame.index = 0;
            continue;
        }
        const Frame done = m_frames.takeLast();
        report(resultOf(*done.repeat, StepResult::Status::Passed, done.clock.elapsed(), {}, m_frames.size()));
    }
    if (self)
        m_advancing = false;
}

void ScenarioRunner::begin(const ScenarioStep &step)
{
    m_current = &step;
    m_stepClock.start();
    QPointer<ScenarioRunner> self(this);
    emit stepStarted(step.path, iteration(m_frames.size()));
    if (!self)
        return;
    switch (step.action) {
    case ScenarioStep::Action::Send: {
        QString error;
        ScenarioConnection *connection = m_connections.at(step.client);
        if (connection->send(step.reply, &error))
            pass();
        else
            fail(connection->client().name.isEmpty() ? tr("could not send: %1").arg(error)
                                                     : tr("%1 could not send: %2").arg(connection->client().name, error));
        break;
    }
    case ScenarioStep::Action::Sleep:
        m_waiting = &step;
        m_timer.start(step.sleepMsecs);
        break;
    case ScenarioStep::Action::Repeat: {
        if (step.repeatCount == 0) {
            pass();
            break;
        }
        Frame body;
        body.steps = &step.steps;
        body.repeat = &step;
        body.clock.start();
        m_frames.append(body);
        break;
    }
    case ScenarioStep::Action::Expect:
    case ScenarioStep::Action::ExpectClosed:
        m_waiting = &step;
        if (!settle())
            m_timer.start(step.timeoutMsecs);
        break;
    }
}

bool ScenarioRunner::settle()
{
    const ScenarioStep &step = *m_waiting;
    ScenarioConnection *connection = m_connections.at(step.client);
    while (connection->hasArrival()) {
        const ScenarioConnection::Arrival arrival = connection->nextArrival();
        connection->consumeArrival();
        if (!arrival.badFrame.isEmpty()) {
            fail(tr("%1; got %2").arg(expectation(step), arrival.badFrame));
            return true;
        }
        if (step.action == ScenarioStep::Action::Expect && step.matcher.matches(MessageFacts(arrival.message))) {
            pass();
            return true;
        }
        if (!step.skipOthers) {
            fail(tr("%1; got %2").arg(expectation(step), MessageBrief::describe(arrival.message)));
            return true;
        }
    }
    if (!connection->isClosed())
        return false;
    if (step.action == ScenarioStep::Action::ExpectClosed)
        pass();
    else
        fail(tr("%1; got the connection closed: %2").arg(expectation(step), connection->closeReason()));
    return true;
}

void ScenarioRunner::pass()
{
    m_timer.stop();
    m_waiting = nullptr;
    report(resultOf(*m_current, StepResult::Status::Passed, m_stepClock.elapsed(), {}, m_frames.size()));
}

void ScenarioRunner::fail(const QString &detail)
{
    m_timer.stop();
    m_waiting = nullptr;
    const StepResult failed = resultOf(*m_current, StepResult::Status::Failed, m_stepClock.elapsed(), detail,
                                       m_frames.size());
    m_failure = failed.place() + QStringLiteral(": ") + detail;
    if (!report(failed))
        return;
    // The repeats around it fail with it, saying where: a report of the top-level steps shows it there.
    while (m_frames.size() > 1) {
        const Frame body = m_frames.takeLast();
        if (!report(resultOf(*body.repeat, StepResult::Status::Failed, body.clock.elapsed(), m_failure,
                             m_frames.size())))
            return;
    }
    if (skipRest())
        finish(Outcome::Failed);
}

bool ScenarioRunner::report(const StepResult &result)
{
    if (m_frames.size() == 1)
        m_results.append(result);
    ++m_frames.last().index;
    QPointer<ScenarioRunner> self(this);
    emit stepFinished(result);
    return !self.isNull();
}

bool ScenarioRunner::skipRest()
{
    const QList<ScenarioStep> &steps = *m_frames.first().steps;
    for (qsizetype i = m_frames.first().index; i < steps.size(); ++i) {
        if (!report(resultOf(steps.at(i), StepResult::Status::Skipped, 0, {}, 1)))
            return false;
    }
    return true;
}

void ScenarioRunner::finish(Outcome outcome)
{
    m_finished = true;
    m_outcome = outcome;
    m_timer.stop();
    m_waiting = nullptr;
    m_elapsedMsecs = m_runClock.elapsed();
    for (ScenarioConnection *connection : std::as_const(m_connections))
        connection->close();
    // Never from start(), and not before what was sent has left: announce() waits for the closes.
    QTimer::singleShot(0, this, [this] {
        m_loopReached = true;
        announce();
    });
    QTimer::singleShot(closeGraceMsecs, this, [this] {
        m_graceOver = true;
        announce();
    });
}

void ScenarioRunner::announce()
{
    if (!m_finished || m_announced || !m_loopReached)
        return;
    const bool closed = std::all_of(m_connections.cbegin(), m_connections.cend(),
                                    [](const ScenarioConnection *connection) { return connection->isDown(); });
    if (!closed && !m_graceOver)
        return;
    m_announced = true;
    emit finished(m_outcome);
}

QString ScenarioRunner::iteration(qsizetype depth) const
{
    QStringList passes;
    for (qsizetype i = 1; i < depth; ++i)
        passes << tr("repeat %1 of %2").arg(m_frames.at(i).pass).arg(m_frames.at(i).repeat->repeatCount);
    return passes.join(QLatin1String(", "));
}

StepResult ScenarioRunner::resultOf(const ScenarioStep &step, StepResult::Status status, qint64 msecs,
                                    const QString &detail, qsizetype depth) const
{
    StepResult result;
    result.path = step.path;
    result.iteration = iteration(depth);
    result.summary = step.summary;
    result.status = status;
    result.elapsedMsecs = msecs;
    result.detail = detail;
    return result;
}

QString ScenarioRunner::expectation(const ScenarioStep &step) const
{
    const QString &name = m_connections.at(step.client)->client().name;
    const QString what = step.action == ScenarioStep::Action::Expect ? step.matcher.describe()
                                                                      : tr("the connection to close");
    return name.isEmpty() ? tr("expected %1").arg(what) : tr("%1 expected %2").arg(name, what);
}

} // namespace wirebench
