// Scenario files (wirebench-cli run): what each key reads as, each mistake told with its line,
// and the JUnit report read back as a CI system reads it.
#include <engine/responders/jsonsource.h>
#include <engine/scenarios/junitreport.h>
#include <engine/scenarios/scenario.h>

#include <QtCore/QTemporaryDir>
#include <QtCore/QXmlStreamReader>
#include <QtTest/QTest>

using netcore::CodecConfig;
using wirebench::JsonSource;
using wirebench::JunitReport;
using wirebench::Scenario;
using wirebench::ScenarioStep;
using wirebench::StepResult;

class TestScenario : public QObject
{
    Q_OBJECT

private slots:
    void readsEveryKey();
    void oneClientAtTheTop();
    void codecObjects_data();
    void codecObjects();
    void refusesWithTheLine_data();
    void refusesWithTheLine();
    void loadNamesAnUnreadableFile();
    void junitCountsAndCases();
    void junitEscapesWhatItQuotes();
    void junitConnectFailureIsAnError();
    void junitWriteNamesTheFile();
};

namespace {

bool parse(const QByteArray &text, Scenario *scenario, QString *error)
{
    JsonSource source;
    return source.parse(text, QStringLiteral("scenario.json"), error) && Scenario::parse(source, scenario, error);
}

/** One <testcase> as read back. */
struct Case
{
    QString name;
    QString time;
    QString outcome; ///< "", "failure", "skipped" or "error"
    QString message;
    QString text;
};

/** The report read back: the attributes of <testsuites> and <testsuite>, and every testcase. */
struct Report
{
    QXmlStreamAttributes suites;
    QXmlStreamAttributes suite;
    QList<Case> cases;
    QString error;
};

Report readBack(const QByteArray &xml)
{
    Report report;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QStringView name = reader.name();
        if (name == QLatin1String("testsuites")) {
            report.suites = reader.attributes();
        } else if (name == QLatin1String("testsuite")) {
            report.suite = reader.attributes();
        } else if (name == QLatin1String("testcase")) {
            report.cases.append({reader.attributes().value(QLatin1String("name")).toString(),
                                 reader.attributes().value(QLatin1String("time")).toString(), {}, {}, {}});
        } else if (!report.cases.isEmpty()) {
            Case &last = report.cases.last();
            last.outcome = name.toString();
            last.message = reader.attributes().value(QLatin1String("message")).toString();
            last.text = reader.readElementText();
        }
    }
    if (reader.hasError())
        report.error = reader.errorString();
    return report;
}

StepResult result(const QString &path, const QString &summary, StepResult::Status status, qint64 msecs,
                  const QString &detail = {})
{
    StepResult step;
    step.path = path;
    step.summary = summary;
    step.status = status;
    step.elapsedMsecs = msecs;
    step.detail = detail;
    return step;
}

} // namespace

void TestScenario::readsEveryKey()
{
    const QByteArray text = R"({
  "name": "login flow",
  "timeout_ms": 750,
  "clients": {
    "bob": {"connect": "localhost:7001", "codec": {"codec": "line", "delimiter": "\\r\\n"}},
    "alice": {"connect": "127.0.0.1:7000", "codec": "envelope"}
  },
  "steps": [
    {"as": "alice", "send": {"channel": "login", "id": 7, "json": {"user": "alice"}}},
    {"as": "alice", "expect": {"channel": "login", "json": {"/ok": true}}, "timeout_ms": 2000},
    {"sleep_ms": 100},
    {"repeat": 3, "steps": [{"as": "bob", "send": {"text": "ping {{seq}}"}},
                            {"as": "bob", "expect": {"text": "^pong"}, "skip_others": true}]},
    {"as": "bob", "expect_closed": true, "timeout_ms": 1000, "skip_others": false}
  ]
})";
    Scenario scenario;
    QString error;
    QVERIFY2(parse(text, &scenario, &error), qPrintable(error));

    QCOMPARE(scenario.name(), QStringLiteral("login flow"));
    QCOMPARE(scenario.clients().size(), 2);
    // A JSON object's order: by name.
    QCOMPARE(scenario.clients().at(0).name, QStringLiteral("alice"));
    QCOMPARE(scenario.clients().at(0).host, QStringLiteral("127.0.0.1"));
    QCOMPARE(scenario.clients().at(0).port, quint16(7000));
    QCOMPARE(scenario.clients().at(0).codec, CodecConfig::envelope());
    QCOMPARE(scenario.clients().at(1).name, QStringLiteral("bob"));
    QCOMPARE(scenario.clients().at(1).host, QStringLiteral("localhost"));
    QCOMPARE(scenario.clients().at(1).port, quint16(7001));
    QCOMPARE(scenario.clients().at(1).codec, CodecConfig::line(QByteArrayLiteral("\r\n")));

    const QList<ScenarioStep> &steps = scenario.steps();
    QCOMPARE(steps.size(), 5);
    QCOMPARE(steps.at(0).action, ScenarioStep::Action::Send);
    QCOMPARE(steps.at(0).path, QStringLiteral("steps[0]"));
    QCOMPARE(steps.at(0).client, 0);
    QCOMPARE(steps.at(0).summary, QStringLiteral(R"(send alice {"channel":"login","id":7,"json":{"user":"alice"}})"));

    QCOMPARE(steps.at(1).action, ScenarioStep::Action::Expect);
    QCOMPARE(steps.at(1).timeoutMsecs, 2000);
    QCOMPARE(steps.at(1).skipOthers, false);
    QCOMPARE(steps.at(1).summary, QStringLiteral(R"(expect alice channel "login", json /ok = true)"));

    QCOMPARE(steps.at(2).action, ScenarioStep::Action::Sleep);
    QCOMPARE(steps.at(2).sleepMsecs, 100);
    QCOMPARE(steps.at(2).summary, QStringLiteral("sleep 100 ms"));

    QCOMPARE(steps.at(3).action, ScenarioStep::Action::Repeat);
    QCOMPARE(steps.at(3).repeatCount, 3);
    QCOMPARE(steps.at(3).summary, QStringLiteral("repeat 3 times"));
    QCOMPARE(steps.at(3).steps.size(), 2);
    const ScenarioStep &pong = steps.at(3).steps.at(1);
    QCOMPARE(pong.path, QStringLiteral("steps[3].steps[1]"));
    QCOMPARE(pong.client, 1);
    QCOMPARE(pong.skipOthers, true);
    QCOMPARE(pong.timeoutMsecs, 750); // the scenario's default
    QCOMPARE(pong.summary, QStringLiteral("expect bob text matching /^pong/, skipping others"));

    QCOMPARE(steps.at(4).action, ScenarioStep::Action::ExpectClosed);
    QCOMPARE(steps.at(4).timeoutMsecs, 1000);
    QCOMPARE(steps.at(4).summary, QStringLiteral("expect bob closed"));
}

void TestScenario::oneClientAtTheTop()
{
    Scenario scenario;
    QString error;
    QVERIFY2(parse(R"({"connect": "7000", "codec": "raw",
                       "steps": [{"send": {"hex": "00ff"}}, {"expect": {}}]})",
                   &scenario, &error),
             qPrintable(error));
    QCOMPARE(scenario.clients().size(), 1);
    QCOMPARE(scenario.clients().first().name, QString());
    QCOMPARE(scenario.clients().first().host, QStringLiteral("127.0.0.1"));
    QCOMPARE(scenario.clients().first().port, quint16(7000));
    QCOMPARE(scenario.clients().first().codec, CodecConfig::raw());
    QCOMPARE(scenario.steps().at(0).client, 0);
    QCOMPARE(scenario.steps().at(0).summary, QStringLiteral(R"(send {"hex":"00ff"})"));
    QCOMPARE(scenario.steps().at(1).summary, QStringLiteral("expect any message"));
    QCOMPARE(scenario.steps().at(1).timeoutMsecs, Scenario::defaultTimeoutMsecs);
    QCOMPARE(Scenario::defaultTimeoutMsecs, 5000);

    // With "clients", one client may be left out of "as" too, and keeps its name in summaries.
    QVERIFY2(parse(R"({"clients": {"solo": {"connect": "7000"}}, "steps": [{"expect_closed": true}]})",
                   &scenario, &error),
             qPrintable(error));
    QCOMPARE(scenario.steps().at(0).client, 0);
    QCOMPARE(scenario.steps().at(0).summary, QStringLiteral("expect solo closed"));
}

void TestScenario::codecObjects_data()
{
    QTest::addColumn<QByteArray>("codec");
    QTest::addColumn<CodecConfig>("expected");

    CodecConfig length = CodecConfig::length(2, QSysInfo::LittleEndian);
    length.lengthFieldOffset = 1;
    length.lengthAdjustment = -2;
    length.initialBytesToStrip = 0;
    length.payloadType = netcore::MessageType::Text;
    length.maxFrameSize = 1000;
    QTest::newRow("length, every parameter")
        << QByteArray(R"({"codec": "length", "length-bytes": 2, "byte-order": "little", "length-offset": 1,
                         "length-adjust": -2, "strip": 0, "payload": "text", "max-frame": 1000})")
        << length;
    QTest::newRow("numbers as strings") << QByteArray(R"({"codec": "length", "length-bytes": "2"})")
                                        << CodecConfig::length(2);
    CodecConfig line = CodecConfig::line();
    line.maxLineLength = 80; // the line codec's own limit; its frame size is not used
    line.payloadType = netcore::MessageType::Json;
    QTest::newRow("line") << QByteArray(R"({"codec": "line", "max-frame": 80, "payload": "json"})") << line;
    QTest::newRow("no name: envelope") << QByteArray(R"({"max-frame": 1000})") << [] {
        CodecConfig envelope = CodecConfig::envelope();
        envelope.maxFrameSize = 1000;
        return envelope;
    }();
    QTest::newRow("python-comms by name") << QByteArray(R"("python-comms")") << CodecConfig::pythonComms();
}

void TestScenario::codecObjects()
{
    QFETCH(QByteArray, codec);
    QFETCH(CodecConfig, expected);
    Scenario scenario;
    QString error;
    QVERIFY2(parse(R"({"connect": "7000", "codec": )" + codec + R"(, "steps": []})", &scenario, &error),
             qPrintable(error));
    QCOMPARE(scenario.clients().first().codec, expected);
}

void TestScenario::refusesWithTheLine_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected"); ///< the error's start: "scenario.json:LINE: ..."

    const QByteArray clients = "{\"clients\": {\"alice\": {\"connect\": \"7000\"}, \"bob\": {\"connect\": \"7001\"}},\n";
    const auto steps = [&clients](const QByteArray &body) { return clients + " \"steps\": [\n" + body + "\n]}"; };

    QTest::newRow("not JSON") << QByteArray("{\"steps\": [\n  {\"sleep_ms\": 1},,\n]}")
                              << QStringLiteral("scenario.json:2: illegal value");
    QTest::newRow("not an object") << QByteArray("[]") << QStringLiteral("scenario.json:1: a scenario is an object");
    QTest::newRow("unknown key") << QByteArray("{\"connect\": \"7000\",\n \"stepz\": []}")
                                 << QStringLiteral("scenario.json:2: unknown key \"stepz\"");
    QTest::newRow("no steps") << QByteArray("{\"connect\": \"7000\"}")
                              << QStringLiteral("scenario.json:1: a scenario needs \"steps\"");
    QTest::newRow("no client") << QByteArray("{\n\"steps\": []}")
                               << QStringLiteral("scenario.json:1: a scenario needs \"clients\"");
    QTest::newRow("clients and connect")
        << QByteArray("{\"clients\": {\"a\": {\"connect\": \"1\"}},\n \"connect\": \"7000\", \"steps\": []}")
        << QStringLiteral("scenario.json:2: \"connect\" at the top is for a scenario of one client");
    QTest::newRow("clients and codec")
        << QByteArray("{\"clients\": {\"a\": {\"connect\": \"1\"}},\n \"codec\": \"raw\", \"steps\": []}")
        << QStringLiteral("scenario.json:2: \"codec\" at the top");
    QTest::newRow("no clients in clients") << QByteArray("{\"steps\": [],\n \"clients\": {}}")
                                           << QStringLiteral("scenario.json:2: \"clients\" names each client");
    QTest::newRow("client not an object") << QByteArray("{\"steps\": [], \"clients\": {\n \"a\": \"7000\"}}")
                                          << QStringLiteral("scenario.json:2: a client is an object");
    QTest::newRow("empty client name") << QByteArray("{\"steps\": [], \"clients\": {\n \"\": {\"connect\": \"1\"}}}")
                                       << QStringLiteral("scenario.json:2: a client's name must not be empty");
    QTest::newRow("tls") << QByteArray("{\"steps\": [], \"clients\": {\"a\": {\"connect\": \"1\",\n \"tls\": true}}}")
                         << QStringLiteral("scenario.json:2: scenarios connect over plain TCP for now");
    QTest::newRow("unknown client key")
        << QByteArray("{\"steps\": [], \"clients\": {\"a\": {\"connect\": \"1\",\n \"host\": \"x\"}}}")
        << QStringLiteral("scenario.json:2: unknown client key \"host\"");
    QTest::newRow("client without connect") << QByteArray("{\"steps\": [], \"clients\": {\n \"a\": {}}}")
                                            << QStringLiteral("scenario.json:2: a client needs \"connect\"");
    QTest::newRow("connect not a string") << QByteArray("{\"steps\": [],\n \"connect\": 7000}")
                                          << QStringLiteral("scenario.json:2: \"connect\" must be \"HOST:PORT\"");
    QTest::newRow("connect without port") << QByteArray("{\"steps\": [],\n \"connect\": \"example.org\"}")
                                          << QStringLiteral("scenario.json:2: \"connect\": HOST:PORT needs a port");
    QTest::newRow("connect, bad port") << QByteArray("{\"steps\": [],\n \"connect\": \"h:99999\"}")
                                       << QStringLiteral("scenario.json:2: \"connect\": ");
    QTest::newRow("unknown codec") << QByteArray("{\"steps\": [], \"connect\": \"1\",\n \"codec\": \"morse\"}")
                                   << QStringLiteral("scenario.json:2: unknown codec \"morse\"");
    QTest::newRow("codec a number") << QByteArray("{\"steps\": [], \"connect\": \"1\",\n \"codec\": 4}")
                                    << QStringLiteral("scenario.json:2: \"codec\" is a codec's name");
    QTest::newRow("codec parameter not for the codec")
        << QByteArray("{\"steps\": [], \"connect\": \"1\", \"codec\": {\n\"codec\": \"envelope\",\n \"delimiter\": \"x\"}}")
        << QStringLiteral("scenario.json:3: \"delimiter\" does not apply to the codec \"envelope\"");
    QTest::newRow("codec parameter out of range")
        << QByteArray("{\"steps\": [], \"connect\": \"1\", \"codec\": {\"codec\": \"length\",\n \"length-bytes\": 9}}")
        << QStringLiteral("scenario.json:2: \"length-bytes\" must be an integer from 1 to 8, not \"9\"");
    QTest::newRow("codec parameter of a wrong type")
        << QByteArray("{\"steps\": [], \"connect\": \"1\", \"codec\": {\"codec\": \"line\",\n \"delimiter\": true}}")
        << QStringLiteral("scenario.json:2: \"delimiter\" must be a string or a number");
    QTest::newRow("unknown codec parameter")
        << QByteArray("{\"steps\": [], \"connect\": \"1\", \"codec\": {\"codec\": \"line\",\n \"delimeter\": \"x\"}}")
        << QStringLiteral("scenario.json:2: unknown codec parameter \"delimeter\"");
    QTest::newRow("bad byte order")
        << QByteArray("{\"steps\": [], \"connect\": \"1\", \"codec\": {\"codec\": \"length\",\n \"byte-order\": \"middle\"}}")
        << QStringLiteral("scenario.json:2: \"byte-order\" must be big or little, not \"middle\"");
    QTest::newRow("bad escape in the delimiter")
        << QByteArray("{\"steps\": [], \"connect\": \"1\", \"codec\": {\"codec\": \"line\",\n \"delimiter\": \"\\\\q\"}}")
        << QStringLiteral("scenario.json:2: \"delimiter\": ");
    QTest::newRow("name not a string") << QByteArray("{\"steps\": [], \"connect\": \"1\",\n \"name\": 1}")
                                       << QStringLiteral("scenario.json:2: \"name\" must be a string");
    QTest::newRow("default timeout 0") << QByteArray("{\"steps\": [], \"connect\": \"1\",\n \"timeout_ms\": 0}")
                                       << QStringLiteral("scenario.json:2: \"timeout_ms\" must be an integer from 1 to 3600000");
    QTest::newRow("steps not an array") << QByteArray("{\"connect\": \"1\",\n \"steps\": {}}")
                                        << QStringLiteral("scenario.json:2: \"steps\" is an array of steps");
    QTest::newRow("step not an object") << steps("  42") << QStringLiteral("scenario.json:3: a step is an object");
    QTest::newRow("unknown step key") << steps("  {\"as\": \"bob\",\n   \"sned\": {\"text\": \"x\"}}")
                                      << QStringLiteral("scenario.json:4: unknown step key \"sned\"");
    QTest::newRow("no action") << steps("  {\"as\": \"bob\"}") << QStringLiteral("scenario.json:3: a step needs one of");
    QTest::newRow("two actions") << steps("  {\"as\": \"bob\", \"send\": {\"text\": \"x\"}, \"sleep_ms\": 1}")
                                 << QStringLiteral("scenario.json:3: a step does one thing; this one has send, sleep_ms");
    QTest::newRow("unknown client in as") << steps("  {\"send\": {\"text\": \"x\"},\n   \"as\": \"carol\"}")
                                          << QStringLiteral("scenario.json:4: unknown client \"carol\" in \"as\": the clients are \"alice\", \"bob\"");
    QTest::newRow("as not a string") << steps("  {\"send\": {\"text\": \"x\"},\n   \"as\": 1}")
                                     << QStringLiteral("scenario.json:4: \"as\" must be a client's name");
    QTest::newRow("as missing with two clients") << steps("  {\"sleep_ms\": 1},\n  {\"send\": {\"text\": \"x\"}}")
                                                 << QStringLiteral("scenario.json:4: which client? This step needs \"as\": one of \"alice\", \"bob\"");
    QTest::newRow("as with the client at the top")
        << QByteArray("{\"connect\": \"1\", \"steps\": [\n{\"as\": \"x\", \"send\": {\"text\": \"a\"}}]}")
        << QStringLiteral("scenario.json:2: \"as\" names one of \"clients\"");
    QTest::newRow("as with sleep") << steps("  {\"sleep_ms\": 1,\n \"as\": \"bob\"}")
                                   << QStringLiteral("scenario.json:4: \"as\" does not go with \"sleep_ms\"");
    QTest::newRow("timeout with send") << steps("  {\"as\": \"bob\", \"send\": {\"text\": \"x\"},\n \"timeout_ms\": 5}")
                                       << QStringLiteral("scenario.json:4: \"timeout_ms\" does not go with \"send\"");
    QTest::newRow("steps with expect") << steps("  {\"as\": \"bob\", \"expect\": {},\n \"steps\": []}")
                                       << QStringLiteral("scenario.json:4: \"steps\" does not go with \"expect\"");
    QTest::newRow("bad reply") << steps("  {\"as\": \"bob\", \"send\": {\"text\": \"x\",\n \"colour\": 1}}")
                               << QStringLiteral("scenario.json:4: unknown reply key \"colour\"");
    QTest::newRow("reply without payload") << steps("  {\"as\": \"bob\",\n \"send\": {\"channel\": \"x\"}}")
                                           << QStringLiteral("scenario.json:4: a reply needs one of");
    QTest::newRow("bad template") << steps("  {\"as\": \"bob\", \"send\": {\n \"text\": \"{{sequence}}\"}}")
                                  << QStringLiteral("scenario.json:4: ");
    QTest::newRow("bad regular expression") << steps("  {\"as\": \"bob\", \"expect\": {\n \"text\": \"(\"}}")
                                            << QStringLiteral("scenario.json:4: \"(\" is not a regular expression");
    QTest::newRow("unknown match key") << steps("  {\"as\": \"bob\", \"expect\": {\n \"txt\": \"x\"}}")
                                       << QStringLiteral("scenario.json:4: unknown match key \"txt\"");
    QTest::newRow("expect_closed false") << steps("  {\"as\": \"bob\",\n \"expect_closed\": false}")
                                         << QStringLiteral("scenario.json:4: \"expect_closed\" must be true");
    QTest::newRow("timeout 0") << steps("  {\"as\": \"bob\", \"expect\": {},\n \"timeout_ms\": 0}")
                               << QStringLiteral("scenario.json:4: \"timeout_ms\" must be an integer from 1 to 3600000 (ms)");
    QTest::newRow("timeout a string") << steps("  {\"as\": \"bob\", \"expect_closed\": true,\n \"timeout_ms\": \"1\"}")
                                      << QStringLiteral("scenario.json:4: \"timeout_ms\" must be an integer");
    QTest::newRow("skip_others not a bool") << steps("  {\"as\": \"bob\", \"expect\": {},\n \"skip_others\": \"yes\"}")
                                            << QStringLiteral("scenario.json:4: \"skip_others\" must be true or false");
    QTest::newRow("sleep negative") << steps("  {\n \"sleep_ms\": -1}")
                                    << QStringLiteral("scenario.json:4: \"sleep_ms\" must be an integer from 0 to 3600000 (ms)");
    QTest::newRow("sleep fractional") << steps("  {\n \"sleep_ms\": 1.5}") << QStringLiteral("scenario.json:4: \"sleep_ms\" must be an integer");
    QTest::newRow("repeat negative") << steps("  {\"steps\": [{\"sleep_ms\": 1}],\n \"repeat\": -1}")
                                     << QStringLiteral("scenario.json:4: \"repeat\" must be an integer from 0 to 1000000");
    QTest::newRow("repeat without steps") << steps("  {\"sleep_ms\": 1},\n  {\"repeat\": 2}")
                                          << QStringLiteral("scenario.json:4: \"repeat\" needs \"steps\"");
    QTest::newRow("repeat of nothing") << steps("  {\"repeat\": 2,\n \"steps\": []}")
                                       << QStringLiteral("scenario.json:4: \"steps\" of a repeat needs at least one step");
    QTest::newRow("a mistake inside a repeat")
        << steps("  {\"repeat\": 2, \"steps\": [\n    {\"as\": \"bob\", \"send\": {\"text\": \"x\"}},\n"
                 "    {\"as\": \"dave\", \"expect\": {}}]}")
        << QStringLiteral("scenario.json:5: unknown client \"dave\"");
}

void TestScenario::refusesWithTheLine()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    Scenario scenario;
    QString error;
    QVERIFY2(!parse(text, &scenario, &error), text.constData());
    QVERIFY2(error.startsWith(expected), qPrintable(QStringLiteral("%1\n  does not start with\n%2").arg(error, expected)));
}

void TestScenario::loadNamesAnUnreadableFile()
{
    Scenario scenario;
    QString error;
    QVERIFY(!Scenario::load(QStringLiteral("/nonexistent/scenario.json"), &scenario, &error));
    QVERIFY2(error.startsWith(QStringLiteral("/nonexistent/scenario.json: cannot read")), qPrintable(error));
}

void TestScenario::junitCountsAndCases()
{
    JunitReport::Run run;
    run.name = QStringLiteral("login");
    run.started = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
    run.elapsedMsecs = 2150;
    run.steps = {result(QStringLiteral("steps[0]"), QStringLiteral("send alice {\"text\":\"hi\"}"),
                        StepResult::Status::Passed, 1),
                 result(QStringLiteral("steps[1]"), QStringLiteral("repeat 3 times"), StepResult::Status::Failed, 2003,
                        QStringLiteral("steps[1].steps[1] (repeat 2 of 3): bob expected text matching /^pong/; "
                                       "got nothing within 2000 ms")),
                 result(QStringLiteral("steps[2]"), QStringLiteral("expect bob closed"), StepResult::Status::Skipped, 0)};

    const Report report = readBack(JunitReport::toXml(run));
    QCOMPARE(report.error, QString());
    for (const QXmlStreamAttributes &counts : {report.suites, report.suite}) {
        QCOMPARE(counts.value(QLatin1String("name")), QLatin1String("login"));
        QCOMPARE(counts.value(QLatin1String("tests")), QLatin1String("3"));
        QCOMPARE(counts.value(QLatin1String("failures")), QLatin1String("1"));
        QCOMPARE(counts.value(QLatin1String("errors")), QLatin1String("0"));
        QCOMPARE(counts.value(QLatin1String("skipped")), QLatin1String("1"));
        QCOMPARE(counts.value(QLatin1String("time")), QLatin1String("2.150"));
    }
    QCOMPARE(report.suite.value(QLatin1String("timestamp")), QLatin1String("2026-01-02T03:04:05"));

    QCOMPARE(report.cases.size(), 3);
    QCOMPARE(report.cases.at(0).name, QStringLiteral("steps[0] send alice {\"text\":\"hi\"}"));
    QCOMPARE(report.cases.at(0).time, QStringLiteral("0.001"));
    QCOMPARE(report.cases.at(0).outcome, QString());
    QCOMPARE(report.cases.at(1).name, QStringLiteral("steps[1] repeat 3 times"));
    QCOMPARE(report.cases.at(1).time, QStringLiteral("2.003"));
    QCOMPARE(report.cases.at(1).outcome, QStringLiteral("failure"));
    QCOMPARE(report.cases.at(1).message, run.steps.at(1).detail);
    QCOMPARE(report.cases.at(1).text, QStringLiteral("steps[1]: ") + run.steps.at(1).detail);
    QCOMPARE(report.cases.at(2).outcome, QStringLiteral("skipped"));
}

void TestScenario::junitEscapesWhatItQuotes()
{
    JunitReport::Run run;
    run.name = QStringLiteral("a <b> & \"c\"");
    const QString detail = QStringLiteral("expected text matching /<&>\"'/; got text \"\x01\"");
    run.steps = {result(QStringLiteral("steps[0]"), QStringLiteral("expect <x> & \"y\""), StepResult::Status::Failed, 5,
                        detail)};
    const Report report = readBack(JunitReport::toXml(run));
    QCOMPARE(report.error, QString());
    QCOMPARE(report.suite.value(QLatin1String("name")), run.name);
    QCOMPARE(report.cases.size(), 1);
    QCOMPARE(report.cases.at(0).name, QStringLiteral("steps[0] expect <x> & \"y\""));
    // A control character has no place in XML 1.0: it is written out as \x01.
    QCOMPARE(report.cases.at(0).message, QString(detail).replace(QChar(1), QStringLiteral("\\x01")));
}

void TestScenario::junitConnectFailureIsAnError()
{
    JunitReport::Run run;
    run.name = QStringLiteral("s");
    run.connectError = QStringLiteral("client \"alice\": cannot connect to 127.0.0.1:1: Connection refused");
    run.steps = {result(QStringLiteral("steps[0]"), QStringLiteral("sleep 1 ms"), StepResult::Status::Skipped, 0)};
    const Report report = readBack(JunitReport::toXml(run));
    QCOMPARE(report.error, QString());
    QCOMPARE(report.suite.value(QLatin1String("tests")), QLatin1String("2"));
    QCOMPARE(report.suite.value(QLatin1String("errors")), QLatin1String("1"));
    QCOMPARE(report.suite.value(QLatin1String("failures")), QLatin1String("0"));
    QCOMPARE(report.suite.value(QLatin1String("skipped")), QLatin1String("1"));
    QCOMPARE(report.cases.size(), 2);
    QCOMPARE(report.cases.at(0).name, QStringLiteral("connect"));
    QCOMPARE(report.cases.at(0).outcome, QStringLiteral("error"));
    QCOMPARE(report.cases.at(0).message, run.connectError);
    QCOMPARE(report.cases.at(1).outcome, QStringLiteral("skipped"));
}

void TestScenario::junitWriteNamesTheFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    JunitReport::Run run;
    run.name = QStringLiteral("s");
    QString error;
    const QString fileName = dir.filePath(QStringLiteral("report.xml"));
    QVERIFY2(JunitReport::write(fileName, run, &error), qPrintable(error));
    QFile written(fileName);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), JunitReport::toXml(run));

    const QString missing = dir.filePath(QStringLiteral("no/such/dir/report.xml"));
    QVERIFY(!JunitReport::write(missing, run, &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot write ") + missing), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
