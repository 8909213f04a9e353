#include "replaycommand.h"

#include <app/cli/commandline.h>
#include <app/cli/eventprinter.h>
#include <app/cli/exitcodes.h>
#include <app/cli/replayoptions.h>
#include <app/cli/replayservercommand.h>

#include <engine/recording/differencereport.h>
#include <engine/recording/recording.h>
#include <engine/recording/replayclient.h>
#include <engine/scenarios/junitreport.h>

#include <netcore/endpoint.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QFileInfo>

namespace wirebench::cli {

namespace {

QList<OptionSpec> replaySpecs()
{
    QList<OptionSpec> specs{
        {QStringLiteral("to"), QStringLiteral("HOST:PORT"), QStringLiteral("the server to play the client side against")},
        ReplayOptions::speedSpec(),
    };
    specs += ReplayOptions::compareSpecs();
    specs += {
        {QStringLiteral("timeout"), QStringLiteral("MS"),
         QStringLiteral("how long an answer (or a close) the recording shows may take to come (default 5000)")},
        {QStringLiteral("junit"), QStringLiteral("FILE"),
         QStringLiteral("write a JUnit XML report: a testcase per recorded connection")},
        {QStringLiteral("as-server"), {}, QStringLiteral("play the server side instead: see below")},
        {QStringLiteral("help"), {}, QStringLiteral("show this help")},
    };
    return specs;
}

/** One JUnit testcase per conversation, failing with its differences. */
QList<StepResult> testcasesOf(const ComparisonResult &result, const QList<Conversation> &expected)
{
    QList<StepResult> cases;
    for (int i = 0; i < expected.size(); ++i) {
        StepResult testcase;
        testcase.path = QStringLiteral("connection %1").arg(i + 1);
        testcase.summary = QStringLiteral("conn %1 %2, %3 answers")
                               .arg(expected[i].connection)
                               .arg(expected[i].peer)
                               .arg(expected[i].messagesOf(ProxyDirection::ServerToClient).size());
        testcase.status = StepResult::Status::Passed;
        for (const Difference &difference : result.differences) {
            if (difference.conversation != i + 1)
                continue;
            testcase.status = StepResult::Status::Failed;
            testcase.detail += DifferenceReport::describe(difference);
        }
        cases.append(testcase);
    }
    return cases;
}

} // namespace

ReplayCommand::ReplayCommand(QObject *parent) : QObject(parent) {}

ReplayCommand::~ReplayCommand() = default;

QString ReplayCommand::usage()
{
    return QStringLiteral(
               "Usage: wirebench-cli replay RECORDING --to HOST:PORT [options]\n"
               "       wirebench-cli replay RECORDING --as-server [--listen HOST:PORT] [options]\n\n"
               "--to plays the client side: for each recorded connection it connects, sends the\n"
               "recorded c2s messages in order (each at its recorded time divided by --speed,\n"
               "and after the answers recorded before it, or --timeout) and compares what comes\n"
               "back with the recorded s2c messages: channel, type and payload, in order. A\n"
               "connection the server closed in the recording must be closed again. Prints\n"
               "each difference and a summary.\n"
               "Exit codes: 0 the same, 1 cannot connect, 2 bad file or options, 3 differences.\n\n"
               "Options:\n")
        + CommandLine::describe(replaySpecs()) + QLatin1Char('\n') + ReplayServerCommand::usage();
}

int ReplayCommand::printResult(const ComparisonResult &result)
{
    QString text;
    for (const Difference &difference : result.differences)
        text += DifferenceReport::describe(difference) + QLatin1Char('\n');
    EventPrinter::printLine(text + result.summary());
    return result.differences.isEmpty() ? ExitOk : ExitCheckFailed;
}

int ReplayCommand::run(const QStringList &arguments)
{
    if (arguments.contains(QStringLiteral("--as-server")))
        return ReplayServerCommand().run(arguments);
    CommandLine commandLine;
    QString error;
    if (!commandLine.parse(arguments, replaySpecs(), &error))
        return CommandLine::usageError(error, usage());
    if (commandLine.isSet(QStringLiteral("help")))
        return CommandLine::printHelp(usage());
    if (commandLine.positional().size() != 1)
        return CommandLine::usageError(QStringLiteral("replay needs exactly one RECORDING file"), usage());
    if (!commandLine.isSet(QStringLiteral("to")))
        return CommandLine::usageError(QStringLiteral("replay needs --to HOST:PORT (or --as-server)"), usage());

    ReplaySpec spec;
    netcore::Endpoint target;
    if (!netcore::Endpoint::parse(commandLine.value(QStringLiteral("to")), QStringLiteral("127.0.0.1"), &target, &error)
        || target.port == 0)
        return CommandLine::usageError(QStringLiteral("--to: %1").arg(error.isEmpty() ? QStringLiteral("a port is needed") : error), usage());
    spec.host = target.host;
    spec.port = target.port;
    qint64 timeout = spec.answerTimeoutMsecs;
    if (!ReplayOptions::speed(commandLine, &spec.speed, &error) || !ReplayOptions::compare(commandLine, &spec.compare, &error)
        || !commandLine.integer(QStringLiteral("timeout"), 1, 3600 * 1000, &timeout, &error))
        return CommandLine::usageError(error, usage());
    spec.answerTimeoutMsecs = int(timeout);
    const QString junitFile = commandLine.value(QStringLiteral("junit"));
    if (commandLine.isSet(QStringLiteral("junit")) && junitFile.isEmpty())
        return CommandLine::usageError(QStringLiteral("--junit needs a file name"), usage());

    const QString fileName = commandLine.positional().first();
    Recording recording;
    if (!Recording::load(fileName, &recording, &error)) {
        CommandLine::printError(error); // names the line
        return ExitBadArguments;
    }

    ReplayClient replay(recording, spec);
    connect(&replay, &ReplayClient::finished, this, [] { QCoreApplication::exit(0); });
    const QDateTime started = QDateTime::currentDateTime();
    replay.start();
    if (!replay.isFinished())
        QCoreApplication::exec();

    const ComparisonResult &result = replay.result();
    int exitCode = ExitFailure;
    if (!result.error.isEmpty())
        CommandLine::printError(result.error);
    else
        exitCode = printResult(result);
    if (!junitFile.isEmpty()) {
        JunitReport::Run report;
        report.name = QFileInfo(fileName).completeBaseName();
        report.started = started;
        report.elapsedMsecs = replay.elapsedMsecs();
        report.steps = testcasesOf(result, replay.expected());
        report.connectError = result.error;
        if (!JunitReport::write(junitFile, report, &error)) {
            CommandLine::printError(error);
            if (exitCode == ExitOk)
                exitCode = ExitFailure;
        }
    }
    return exitCode;
}

} // namespace wirebench::cli
