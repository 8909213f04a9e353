#include "runcommand.h"

#include <app/cli/commandline.h>
#include <app/cli/exitcodes.h>
#include <app/cli/recordoption.h>

#include <engine/recording/recorder.h>
#include <engine/scenarios/junitreport.h>
#include <engine/scenarios/scenario.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QFileInfo>

namespace wirebench::cli {

namespace {

QList<OptionSpec> runSpecs()
{
    return {
        {QStringLiteral("junit"), QStringLiteral("FILE"),
         QStringLiteral("write a JUnit XML report: a testcase per top-level step")},
        {QStringLiteral("events"), QStringLiteral("FORMAT"),
         QStringLiteral("a line per step: jsonl (default), text or none")},
        RecordOption::spec(),
        {QStringLiteral("help"), {}, QStringLiteral("show this help")},
    };
}

int exitCodeOf(ScenarioRunner::Outcome outcome)
{
    switch (outcome) {
    case ScenarioRunner::Outcome::Passed: return ExitOk;
    case ScenarioRunner::Outcome::Failed: return ExitCheckFailed;
    case ScenarioRunner::Outcome::ConnectFailed: return ExitFailure;
    }
    return ExitFailure;
}

QString statusOf(ScenarioRunner::Outcome outcome)
{
    switch (outcome) {
    case ScenarioRunner::Outcome::Passed: return QStringLiteral("passed");
    case ScenarioRunner::Outcome::Failed: return QStringLiteral("failed");
    case ScenarioRunner::Outcome::ConnectFailed: return QStringLiteral("connect_failed");
    }
    return {};
}

} // namespace

RunCommand::RunCommand(QObject *parent) : QObject(parent) {}

RunCommand::~RunCommand() = default;

QString RunCommand::usage()
{
    return QStringLiteral(
               "Usage: wirebench-cli run SCENARIO.json [--junit FILE] [--events FORMAT] [--record FILE]\n\n"
               "Connects the scenario's clients (plain TCP), then runs its steps in order:\n"
               "sends, expectations of what a client receives (5000 ms unless the step or\n"
               "the scenario says \"timeout_ms\"), expected closes, sleeps and repeats. Stops\n"
               "at the first step that fails and names it on stderr with what came instead.\n"
               "Exit codes: 0 every step passed, 1 a client cannot connect (or the report\n"
               "cannot be written), 2 bad arguments or an invalid scenario file (its line on\n"
               "stderr), 3 a step failed.\n\nOptions:\n")
        + CommandLine::describe(runSpecs());
}

int RunCommand::run(const QStringList &arguments)
{
    CommandLine commandLine;
    QString error;
    if (!commandLine.parse(arguments, runSpecs(), &error))
        return CommandLine::usageError(error, usage());
    if (commandLine.isSet(QStringLiteral("help")))
        return CommandLine::printHelp(usage());
    if (commandLine.positional().size() != 1)
        return CommandLine::usageError(QStringLiteral("run needs exactly one SCENARIO.json"), usage());
    EventPrinter::Format format = EventPrinter::Format::Jsonl;
    if (!EventPrinter::readFormat(commandLine, &format, &error))
        return CommandLine::usageError(error, usage());
    m_printer = StepPrinter(format);
    const QString junitFile = commandLine.value(QStringLiteral("junit"));
    if (commandLine.isSet(QStringLiteral("junit")) && junitFile.isEmpty())
        return CommandLine::usageError(QStringLiteral("--junit needs a file name"), usage());

    // An invalid file is the caller's mistake, like a bad flag, but the usage would only bury its line.
    const QString fileName = commandLine.positional().first();
    Scenario scenario;
    if (!Scenario::load(fileName, &scenario, &error)) {
        CommandLine::printError(error);
        return ExitBadArguments;
    }

    // A recording has one codec: clients that speak different ones cannot share it.
    for (const ScenarioClient &client : scenario.clients()) {
        if (commandLine.isSet(QStringLiteral("record")) && !(client.codec == scenario.clients().first().codec))
            return CommandLine::usageError(QStringLiteral("--record: the scenario's clients speak different codecs, "
                                                          "and a recording has one"), usage());
    }
    std::unique_ptr<Recorder> recorder;
    if (!RecordOption::start(commandLine, scenario.clients().first().codec, QStringLiteral("run"), &recorder, &error)) {
        CommandLine::printError(error);
        return ExitFailure;
    }

    ScenarioRunner runner(scenario);
    runner.setRecorder(recorder.get());
    connect(&runner, &ScenarioRunner::stepFinished, this, &RunCommand::onStepFinished);
    connect(&runner, &ScenarioRunner::finished, this, &RunCommand::onFinished);
    const QDateTime started = QDateTime::currentDateTime();
    runner.start();
    QCoreApplication::exec();

    int exitCode = exitCodeOf(m_outcome);
    m_printer.finished(statusOf(m_outcome), runner.results(), runner.elapsedMsecs());
    if (m_outcome != ScenarioRunner::Outcome::Passed)
        CommandLine::printError(runner.failure());
    if (!junitFile.isEmpty()) {
        JunitReport::Run report;
        report.name = scenario.name().isEmpty() ? QFileInfo(fileName).completeBaseName() : scenario.name();
        report.started = started;
        report.elapsedMsecs = runner.elapsedMsecs();
        report.steps = runner.results();
        if (m_outcome == ScenarioRunner::Outcome::ConnectFailed)
            report.connectError = runner.failure();
        if (!JunitReport::write(junitFile, report, &error)) {
            CommandLine::printError(error);
            if (exitCode == ExitOk)
                exitCode = ExitFailure;
        }
    }
    return RecordOption::finish(recorder.get(), exitCode);
}

void RunCommand::onStepFinished(const StepResult &result)
{
    m_printer.step(result);
}

void RunCommand::onFinished(ScenarioRunner::Outcome outcome)
{
    m_outcome = outcome;
    QCoreApplication::exit(exitCodeOf(outcome));
}

} // namespace wirebench::cli
