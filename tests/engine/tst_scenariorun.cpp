// ScenarioRun: a scenario run in a thread of its own against a real netcore::Server in the test's
// thread. What it reports arrives in the caller's thread, in order; stop() and the destructor end a
// run at any point, the steps left reported skipped.
#include <engine/responders/jsonsource.h>
#include <engine/scenarios/scenariorun.h>

#include <netcore/server.h>

#include <tests/timefactor.h>

#include <QtCore/QThread>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using netcore::Message;
using wirebench::Scenario;
using wirebench::ScenarioRun;
using wirebench::StepResult;
using Outcome = wirebench::ScenarioRun::Outcome;
using Status = wirebench::StepResult::Status;

class TestScenarioRun : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void reportsInTheCallersThreadInOrder();
    void aFailureSaysWhatCameInstead();
    void stopDuringASleepSkipsTheRest();
    void stopRightAfterStartSkipsTheRest();
    void destroyingMidRunEndsIt();
    void oneRunAtATime();

private:
    Scenario parse(const QByteArray &json);
    /** Waits for @p run's finished() and returns its outcome. */
    Outcome waitFinished(QSignalSpy &finished);

    std::unique_ptr<netcore::Server> m_server;
    QList<StepResult> m_steps;
};

void TestScenarioRun::init()
{
    m_server = std::make_unique<netcore::Server>();
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    // Answers "ping" with "pong", anything else with "huh?".
    connect(m_server.get(), &netcore::Server::messageReceived, this, [this](quint64 connection, const Message &message) {
        m_server->send(connection, Message::text(message.toText() == QLatin1String("ping") ? QStringLiteral("pong")
                                                                                           : QStringLiteral("huh?")));
    });
    m_steps.clear();
}

void TestScenarioRun::cleanup() { m_server.reset(); }

Scenario TestScenarioRun::parse(const QByteArray &json)
{
    wirebench::JsonSource source;
    Scenario scenario;
    QString error;
    const QByteArray text = QByteArray(json).replace("PORT", QByteArray::number(m_server->serverPort()));
    if (!source.parse(text, QStringLiteral("test.json"), &error) || !Scenario::parse(source, &scenario, &error))
        qFatal("%s", qPrintable(error));
    return scenario;
}

Outcome TestScenarioRun::waitFinished(QSignalSpy &finished)
{
    if (finished.isEmpty() && !finished.wait(testing::scaled(15000)))
        return Outcome::Stopped; // the caller's QCOMPARE names the outcome it wanted
    return finished.first().first().value<Outcome>();
}

void TestScenarioRun::reportsInTheCallersThreadInOrder()
{
    ScenarioRun run;
    QList<QThread *> threads;
    QStringList started;
    connect(&run, &ScenarioRun::stepStarted, this, [&](const QString &path) {
        threads.append(QThread::currentThread());
        started.append(path);
    });
    connect(&run, &ScenarioRun::stepFinished, this, [&](const StepResult &result) {
        threads.append(QThread::currentThread());
        m_steps.append(result);
    });
    QSignalSpy finished(&run, &ScenarioRun::finished);
    QVERIFY(run.start(parse(R"({"connect": "PORT", "steps": [
        {"send": {"text": "ping"}}, {"expect": {"text": "^pong$"}},
        {"repeat": 2, "steps": [{"send": {"text": "ping"}}, {"expect": {"text": "pong"}}]}]})")));
    QVERIFY(run.isRunning());
    QCOMPARE(finished.count(), 0); // never from start()
    QCOMPARE(waitFinished(finished), Outcome::Passed);
    QVERIFY(!run.isRunning());

    QVERIFY(!threads.isEmpty());
    for (QThread *thread : std::as_const(threads))
        QCOMPARE(thread, QThread::currentThread());
    QCOMPARE(started.first(), QStringLiteral("steps[0]"));
    QCOMPARE(m_steps.size(), 7); // 2, then 4 in the repeat, then the repeat
    QCOMPARE(m_steps.last().path, QStringLiteral("steps[2]"));
    QCOMPARE(run.results().size(), 3);
    for (const StepResult &result : run.results())
        QCOMPARE(result.status, Status::Passed);
    QVERIFY(run.failure().isEmpty());
    QTest::qWait(0);
    QCOMPARE(finished.count(), 1);
}

void TestScenarioRun::aFailureSaysWhatCameInstead()
{
    ScenarioRun run;
    QSignalSpy finished(&run, &ScenarioRun::finished);
    run.start(parse(R"({"connect": "PORT", "steps": [
        {"send": {"text": "hello"}}, {"expect": {"text": "^pong$"}}, {"send": {"text": "ping"}}]})"));
    QCOMPARE(waitFinished(finished), Outcome::Failed);
    QCOMPARE(run.results().size(), 3);
    QCOMPARE(run.results().at(0).status, Status::Passed);
    QCOMPARE(run.results().at(1).status, Status::Failed);
    QCOMPARE(run.results().at(1).detail, QStringLiteral("expected text matching /^pong$/; got text \"huh?\""));
    QCOMPARE(run.results().at(2).status, Status::Skipped);
    QCOMPARE(run.failure(), QStringLiteral("steps[1]: expected text matching /^pong$/; got text \"huh?\""));
}

void TestScenarioRun::stopDuringASleepSkipsTheRest()
{
    ScenarioRun run;
    QSignalSpy started(&run, &ScenarioRun::stepStarted);
    QSignalSpy steps(&run, &ScenarioRun::stepFinished);
    QSignalSpy finished(&run, &ScenarioRun::finished);
    run.start(parse(R"({"connect": "PORT", "steps": [
        {"send": {"text": "ping"}}, {"sleep_ms": 3600000}, {"expect": {"text": "pong"}}]})"));
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 2, testing::scaled(5000)); // in the hour's sleep
    run.stop();
    QCOMPARE(finished.count(), 0); // stop() does not wait for the thread
    QVERIFY(run.isRunning());
    QCOMPARE(waitFinished(finished), Outcome::Stopped);
    QVERIFY(!run.isRunning());

    QCOMPARE(run.results().size(), 3);
    QCOMPARE(run.results().at(0).status, Status::Passed);
    QCOMPARE(run.results().at(1).status, Status::Skipped);
    QCOMPARE(run.results().at(1).detail, QStringLiteral("stopped while it ran"));
    QCOMPARE(run.results().at(1).summary, QStringLiteral("sleep 3600000 ms"));
    QCOMPARE(run.results().at(2).status, Status::Skipped);
    QVERIFY(run.results().at(2).detail.isEmpty());
    QCOMPARE(steps.count(), 3);
    QCOMPARE(run.failure(), QStringLiteral("stopped before the end"));

    // The same object runs again.
    QSignalSpy again(&run, &ScenarioRun::finished);
    QVERIFY(run.start(parse(R"({"connect": "PORT", "steps": [{"send": {"text": "ping"}}]})")));
    QCOMPARE(waitFinished(again), Outcome::Passed);
    QCOMPARE(run.results().size(), 1);
}

void TestScenarioRun::stopRightAfterStartSkipsTheRest()
{
    ScenarioRun run;
    QSignalSpy finished(&run, &ScenarioRun::finished);
    run.start(parse(R"({"connect": "PORT", "steps": [{"send": {"text": "ping"}}, {"sleep_ms": 3600000}]})"));
    run.stop(); // the thread may not even have made the runner yet
    run.stop(); // twice is once
    QCOMPARE(waitFinished(finished), Outcome::Stopped);
    QCOMPARE(run.results().size(), 2);
    QCOMPARE(run.results().at(1).status, Status::Skipped);
    QTest::qWait(0);
    QCOMPARE(finished.count(), 1);
}

void TestScenarioRun::destroyingMidRunEndsIt()
{
    auto run = std::make_unique<ScenarioRun>();
    QSignalSpy started(run.get(), &ScenarioRun::stepStarted);
    QSignalSpy connections(m_server.get(), &netcore::Server::clientConnected);
    run->start(parse(R"({"connect": "PORT", "steps": [{"sleep_ms": 3600000}]})"));
    QVERIFY(started.wait(testing::scaled(5000)));
    QVERIFY(connections.count() == 1 || connections.wait(testing::scaled(5000)));
    QSignalSpy disconnections(m_server.get(), &netcore::Server::clientDisconnected);
    run.reset(); // waits for the thread: the client is gone with it
    QVERIFY(disconnections.wait(testing::scaled(5000)));
}

void TestScenarioRun::oneRunAtATime()
{
    ScenarioRun run;
    QSignalSpy finished(&run, &ScenarioRun::finished);
    const Scenario scenario = parse(R"({"connect": "PORT", "steps": [{"sleep_ms": 50}]})");
    QVERIFY(run.start(scenario));
    QTest::ignoreMessage(QtWarningMsg, "wirebench::ScenarioRun::start: a run is under way");
    QVERIFY(!run.start(scenario));
    QCOMPARE(waitFinished(finished), Outcome::Passed);
    QCOMPARE(finished.count(), 1);
}

QTEST_GUILESS_MAIN(TestScenarioRun)
#include "tst_scenariorun.moc"
