// ScenarioRunner against a real netcore::Server on loopback: what each step sees, how a failure
// names its step and what came instead, and that nothing is lost between steps.
#include <engine/responders/jsonsource.h>
#include <engine/scenarios/scenario.h>
#include <engine/scenarios/scenariorunner.h>

#include <netcore/connectioninfo.h>
#include <netcore/server.h>

#include <tests/timefactor.h>

#include <QtNetwork/QTcpServer>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <functional>
#include <memory>

using netcore::Message;
using wirebench::Scenario;
using wirebench::ScenarioRunner;
using wirebench::StepResult;
using Outcome = wirebench::ScenarioRunner::Outcome;
using Status = wirebench::StepResult::Status;

class TestScenarioRunner : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void passesEveryStepInOrder();
    void seqCountsEachClientsSends();
    void nothingIsLostBetweenSteps();
    void skipOthersPassesOverWhatDoesNotMatch();
    void aMismatchFailsNamingThePassAndWhatCame();
    void timeoutSaysNothingCame();
    void expectClosed();
    void expectClosedFailsOnAMessageOrAnOpenConnection();
    void aCloseFailsAnExpectation();
    void aBadFrameFailsAnExpectation();
    void connectFailureNamesTheClientAndSkipsAll();

private:
    /** Runs @p json (with PORT for the server's port) to its end. */
    void run(const QByteArray &json);
    /** What the test server does with each message: (connection, message). */
    void answer(std::function<void(quint64, const Message &)> handler);
    QList<std::pair<QString, Status>> trace() const;

    std::unique_ptr<netcore::Server> m_server;
    std::unique_ptr<ScenarioRunner> m_runner;
    QList<StepResult> m_steps;
    Outcome m_outcome = Outcome::Passed;
    QMetaObject::Connection m_handler;
};

void TestScenarioRunner::init()
{
    m_server = std::make_unique<netcore::Server>();
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    m_steps.clear();
}

void TestScenarioRunner::cleanup()
{
    m_runner.reset();
    m_server.reset();
}

void TestScenarioRunner::answer(std::function<void(quint64, const Message &)> handler)
{
    disconnect(m_handler);
    m_handler = connect(m_server.get(), &netcore::Server::messageReceived, this, handler);
}

void TestScenarioRunner::run(const QByteArray &json)
{
    wirebench::JsonSource source;
    Scenario scenario;
    QString error;
    const QByteArray text = QByteArray(json).replace("PORT", QByteArray::number(m_server->serverPort()));
    QVERIFY2(source.parse(text, QStringLiteral("test.json"), &error) && Scenario::parse(source, &scenario, &error),
             qPrintable(error));
    m_runner = std::make_unique<ScenarioRunner>(scenario);
    connect(m_runner.get(), &ScenarioRunner::stepFinished, this, [this](const StepResult &step) { m_steps.append(step); });
    QSignalSpy finished(m_runner.get(), &ScenarioRunner::finished);
    m_runner->start();
    QCOMPARE(finished.count(), 0); // never from start()
    QVERIFY(finished.wait(testing::scaled(15000)));
    m_outcome = finished.first().first().value<Outcome>();
    QTest::qWait(0); // let nothing more come: finished() is the last word
    QCOMPARE(finished.count(), 1);
}

QList<std::pair<QString, Status>> TestScenarioRunner::trace() const
{
    QList<std::pair<QString, Status>> places;
    for (const StepResult &step : m_steps)
        places.append({step.place(), step.status});
    return places;
}

void TestScenarioRunner::passesEveryStepInOrder()
{
    answer([this](quint64 connection, const Message &message) {
        if (message.channel() == QLatin1String("login"))
            m_server->send(connection, Message::json(QJsonDocument::fromJson(R"({"ok":true})"), QStringLiteral("login")));
        else if (message.toText().startsWith(QLatin1String("ping")))
            m_server->send(connection, Message::text(message.toText().replace(QLatin1String("ping"), QLatin1String("pong"))));
        else if (message.toText() == QLatin1String("bye"))
            m_server->disconnectClient(connection);
    });
    run(R"({"clients": {"alice": {"connect": "PORT"}, "bob": {"connect": "127.0.0.1:PORT"}},
            "steps": [
              {"as": "alice", "send": {"channel": "login", "json": {"user": "alice"}}},
              {"as": "alice", "expect": {"channel": "login", "json": {"/ok": true}}, "timeout_ms": 5000},
              {"sleep_ms": 1},
              {"repeat": 2, "steps": [{"as": "bob", "send": {"text": "ping {{seq}}"}},
                                      {"as": "bob", "expect": {"text": "^pong \\d$"}}]},
              {"as": "bob", "send": {"text": "bye"}},
              {"as": "bob", "expect_closed": true}
            ]})");
    QCOMPARE(m_outcome, Outcome::Passed);
    const QList<std::pair<QString, Status>> expected{
        {QStringLiteral("steps[0]"), Status::Passed},
        {QStringLiteral("steps[1]"), Status::Passed},
        {QStringLiteral("steps[2]"), Status::Passed},
        {QStringLiteral("steps[3].steps[0] (repeat 1 of 2)"), Status::Passed},
        {QStringLiteral("steps[3].steps[1] (repeat 1 of 2)"), Status::Passed},
        {QStringLiteral("steps[3].steps[0] (repeat 2 of 2)"), Status::Passed},
        {QStringLiteral("steps[3].steps[1] (repeat 2 of 2)"), Status::Passed},
        {QStringLiteral("steps[3]"), Status::Passed},
        {QStringLiteral("steps[4]"), Status::Passed},
        {QStringLiteral("steps[5]"), Status::Passed},
    };
    QCOMPARE(trace(), expected);
    QCOMPARE(m_runner->results().size(), 6);
    QCOMPARE(m_runner->results().at(3).summary, QStringLiteral("repeat 2 times"));
    QCOMPARE(m_runner->failure(), QString());
    QVERIFY(m_runner->elapsedMsecs() >= 1); // the sleep, at least
}

void TestScenarioRunner::seqCountsEachClientsSends()
{
    QHash<quint64, QStringList> received;
    answer([&received](quint64 connection, const Message &message) { received[connection].append(message.toText()); });
    run(R"({"clients": {"alice": {"connect": "PORT"}, "bob": {"connect": "PORT"}},
            "steps": [{"as": "alice", "send": {"text": "a{{seq}}"}}, {"as": "bob", "send": {"text": "b{{seq}}"}},
                      {"as": "alice", "send": {"text": "a{{seq}}"}}, {"as": "bob", "send": {"text": "b{{seq}}"}},
                      {"as": "alice", "send": {"text": "a{{seq}}", "id": "{{seq}}"}}]})");
    QCOMPARE(m_outcome, Outcome::Passed);
    // finished() waited for the clients' orderly close: what they sent has been read by now.
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, testing::scaled(5000));
    QStringList all = received.values().at(0) + received.values().at(1);
    all.sort();
    QCOMPARE(all, QStringList({QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("a3"), QStringLiteral("b1"),
                               QStringLiteral("b2")}));
}

void TestScenarioRunner::nothingIsLostBetweenSteps()
{
    // Three answers to one message: whether they come in one read or three, each expectation
    // takes the next, in order.
    answer([this](quint64 connection, const Message &) {
        for (const char *text : {"one", "two", "three"})
            m_server->send(connection, Message::text(QString::fromLatin1(text)));
    });
    run(R"({"connect": "PORT", "steps": [{"send": {"text": "go"}}, {"expect": {"text": "^one$"}},
                                          {"expect": {"text": "^two$"}}, {"expect": {"text": "^three$"}}]})");
    QCOMPARE(m_outcome, Outcome::Passed);
    QCOMPARE(m_runner->results().size(), 4);
}

void TestScenarioRunner::skipOthersPassesOverWhatDoesNotMatch()
{
    answer([this](quint64 connection, const Message &) {
        for (const char *text : {"noise", "more noise", "ok"})
            m_server->send(connection, Message::text(QString::fromLatin1(text)));
    });
    run(R"({"connect": "PORT", "steps": [{"send": {"text": "go"}},
                                          {"expect": {"text": "^ok$"}, "skip_others": true}]})");
    QCOMPARE(m_outcome, Outcome::Passed);

    run(R"({"connect": "PORT", "steps": [{"send": {"text": "go"}}, {"expect": {"text": "^ok$"}}]})");
    QCOMPARE(m_outcome, Outcome::Failed);
    QCOMPARE(m_runner->failure(), QStringLiteral("steps[1]: expected text matching /^ok$/; got text \"noise\""));
}

void TestScenarioRunner::aMismatchFailsNamingThePassAndWhatCame()
{
    answer([this](quint64 connection, const Message &message) {
        const QString text = message.toText();
        m_server->send(connection, Message::text(text == QLatin1String("ping 2") ? QStringLiteral("nope 2")
                                                                                 : QStringLiteral("pong")));
    });
    run(R"({"clients": {"bob": {"connect": "PORT"}},
            "steps": [{"sleep_ms": 0},
                      {"repeat": 3, "steps": [{"send": {"text": "ping {{seq}}"}}, {"expect": {"text": "^pong"}}]},
                      {"expect_closed": true}]})");
    QCOMPARE(m_outcome, Outcome::Failed);
    const QString detail = QStringLiteral("bob expected text matching /^pong/; got text \"nope 2\"");
    const QString place = QStringLiteral("steps[1].steps[1] (repeat 2 of 3)");
    QCOMPARE(m_runner->failure(), place + QStringLiteral(": ") + detail);

    const QList<std::pair<QString, Status>> expected{
        {QStringLiteral("steps[0]"), Status::Passed},
        {QStringLiteral("steps[1].steps[0] (repeat 1 of 3)"), Status::Passed},
        {QStringLiteral("steps[1].steps[1] (repeat 1 of 3)"), Status::Passed},
        {QStringLiteral("steps[1].steps[0] (repeat 2 of 3)"), Status::Passed},
        {QStringLiteral("steps[1].steps[1] (repeat 2 of 3)"), Status::Failed},
        {QStringLiteral("steps[1]"), Status::Failed},
        {QStringLiteral("steps[2]"), Status::Skipped},
    };
    QCOMPARE(trace(), expected);
    QCOMPARE(m_steps.at(4).detail, detail);
    // The repeat, a report's one testcase for it, says where inside it failed.
    QCOMPARE(m_runner->results().size(), 3);
    QCOMPARE(m_runner->results().at(1).detail, m_runner->failure());
    QCOMPARE(m_runner->results().at(2).status, Status::Skipped);
}

void TestScenarioRunner::timeoutSaysNothingCame()
{
    run(R"({"connect": "PORT", "steps": [{"expect": {"channel": "never"}, "timeout_ms": 200}]})");
    QCOMPARE(m_outcome, Outcome::Failed);
    QCOMPARE(m_runner->failure(), QStringLiteral("steps[0]: expected channel \"never\"; got nothing within 200 ms"));
    QVERIFY2(m_runner->results().first().elapsedMsecs >= 200, qPrintable(QString::number(m_runner->results().first().elapsedMsecs)));
}

void TestScenarioRunner::expectClosed()
{
    answer([this](quint64 connection, const Message &message) {
        m_server->send(connection, Message::text(QStringLiteral("last words")));
        if (message.toText() == QLatin1String("bye"))
            m_server->disconnectClient(connection);
    });
    run(R"({"connect": "PORT", "steps": [{"send": {"text": "bye"}}, {"expect": {"text": "last"}}, {"expect_closed": true}]})");
    QVERIFY2(m_outcome == Outcome::Passed, qPrintable(m_runner->failure()));

    // Unread messages before the close pass with skip_others.
    run(R"({"connect": "PORT", "steps": [{"send": {"text": "bye"}}, {"expect_closed": true, "skip_others": true}]})");
    QVERIFY2(m_outcome == Outcome::Passed, qPrintable(m_runner->failure()));
}

void TestScenarioRunner::expectClosedFailsOnAMessageOrAnOpenConnection()
{
    answer([this](quint64 connection, const Message &) { m_server->send(connection, Message::text(QStringLiteral("still here"))); });
    run(R"({"connect": "PORT", "steps": [{"send": {"text": "x"}}, {"expect_closed": true}]})");
    QCOMPARE(m_outcome, Outcome::Failed);
    QCOMPARE(m_runner->failure(), QStringLiteral("steps[1]: expected the connection to close; got text \"still here\""));

    run(R"({"clients": {"carol": {"connect": "PORT"}}, "steps": [{"expect_closed": true, "timeout_ms": 150}]})");
    QCOMPARE(m_outcome, Outcome::Failed);
    QCOMPARE(m_runner->failure(),
             QStringLiteral("steps[0]: carol expected the connection to close; it was still open after 150 ms"));
}

void TestScenarioRunner::aCloseFailsAnExpectation()
{
    answer([this](quint64 connection, const Message &) { m_server->disconnectClient(connection); });
    run(R"({"connect": "PORT", "steps": [{"send": {"text": "x"}}, {"expect": {}}, {"send": {"text": "y"}}]})");
    QCOMPARE(m_outcome, Outcome::Failed);
    QVERIFY2(m_runner->failure().startsWith(QStringLiteral("steps[1]: expected any message; got the connection closed: ")),
             qPrintable(m_runner->failure()));
    QCOMPARE(m_runner->results().at(2).status, Status::Skipped);
}

void TestScenarioRunner::aBadFrameFailsAnExpectation()
{
    // The server speaks raw bytes; the client's line codec allows 4 bytes a line.
    m_server = std::make_unique<netcore::Server>(netcore::CodecConfig::raw());
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    answer([this](quint64 connection, const Message &) {
        m_server->send(connection, Message::binary(QByteArrayLiteral("far too long for a line\n")));
    });
    run(R"({"connect": "PORT", "codec": {"codec": "line", "max-frame": 4},
            "steps": [{"send": {"text": "x"}}, {"expect": {}}]})");
    QCOMPARE(m_outcome, Outcome::Failed);
    QVERIFY2(m_runner->failure().startsWith(QStringLiteral("steps[1]: expected any message; got a frame the codec refused: ")),
             qPrintable(m_runner->failure()));
}

void TestScenarioRunner::connectFailureNamesTheClientAndSkipsAll()
{
    quint16 freePort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        freePort = probe.serverPort();
    }
    run(QByteArray(R"({"clients": {"alice": {"connect": "PORT"}, "bob": {"connect": "127.0.0.1:FREE"}},
                       "steps": [{"as": "alice", "send": {"text": "x"}}, {"sleep_ms": 1}]})")
            .replace("FREE", QByteArray::number(freePort)));
    QCOMPARE(m_outcome, Outcome::ConnectFailed);
    QVERIFY2(m_runner->failure().startsWith(QStringLiteral("client \"bob\": cannot connect to 127.0.0.1:%1: ").arg(freePort)),
             qPrintable(m_runner->failure()));
    const QList<std::pair<QString, Status>> expected{{QStringLiteral("steps[0]"), Status::Skipped},
                                                     {QStringLiteral("steps[1]"), Status::Skipped}};
    QCOMPARE(trace(), expected);
}

QTEST_GUILESS_MAIN(TestScenarioRunner)
#include "tst_scenariorunner.moc"
