#include "scenariocommand.h"

#include <app/cli/commandline.h>
#include <app/cli/exitcodes.h>
#include <app/cli/replayoptions.h>

#include <engine/recording/recording.h>
#include <engine/recording/recordingscenario.h>
#include <engine/scenarios/scenariotext.h>

#include <netcore/endpoint.h>

#include <cstdio>

namespace wirebench::cli {

namespace {

const QString unorderedName = QStringLiteral("unordered");

/** The options the help lists: replay's comparison options but --unordered, which a scenario cannot hold. */
QList<OptionSpec> scenarioSpecs()
{
    QList<OptionSpec> specs{{QStringLiteral("connect"), QStringLiteral("HOST:PORT"),
                             QStringLiteral("the server the scenario's clients connect to (required)")}};
    for (const OptionSpec &spec : ReplayOptions::compareSpecs()) {
        if (spec.name != unorderedName)
            specs.append(spec);
    }
    specs.append({QStringLiteral("name"), QStringLiteral("NAME"), QStringLiteral("the scenario's name (its JUnit suite)")});
    specs.append({QStringLiteral("help"), {}, QStringLiteral("show this help")});
    return specs;
}

} // namespace

QString ScenarioCommand::usage()
{
    return QStringLiteral(
               "Usage: wirebench-cli scenario RECORDING --connect HOST:PORT [--ignore POINTER,...]\n"
               "                             [--ignore-channel NAME,...] [--name NAME] > scenario.json\n\n"
               "Writes a recording as a scenario for \"wirebench-cli run\", to edit by hand: each\n"
               "recorded connection becomes a client (c1, c2, ...) that sends what its client sent\n"
               "and expects what its server answered: every value of json and cbor (but the\n"
               "--ignore pointers), the whole text, or the bytes; and the close, if the server\n"
               "closed it. Pauses of 50 ms or more before a send become sleeps. --connect is\n"
               "required: a recording does not say where its server was. Messages a send cannot\n"
               "carry as recorded (a text with \"{{\") go as hex, and stderr says so.\n"
               "Exit codes: 0 written, 2 bad arguments or a recording that does not read (its\n"
               "line on stderr).\n\nOptions:\n")
        + CommandLine::describe(scenarioSpecs());
}

int ScenarioCommand::run(const QStringList &arguments)
{
    QList<OptionSpec> specs = scenarioSpecs();
    specs.append(ReplayOptions::compareSpecs()); // --unordered too, to refuse it by name below
    CommandLine commandLine;
    QString error;
    if (!commandLine.parse(arguments, specs, &error))
        return CommandLine::usageError(error, usage());
    if (commandLine.isSet(QStringLiteral("help")))
        return CommandLine::printHelp(usage());
    if (commandLine.isSet(unorderedName))
        return CommandLine::usageError(
            QStringLiteral("--unordered does not apply: a scenario expects each client's messages in order "
                           "(add \"skip_others\": true to a step to let others pass)"),
            usage());
    if (commandLine.positional().size() != 1)
        return CommandLine::usageError(QStringLiteral("scenario needs exactly one RECORDING"), usage());
    if (!commandLine.isSet(QStringLiteral("connect")))
        return CommandLine::usageError(
            QStringLiteral("--connect HOST:PORT is required: a recording does not say where its server was"), usage());
    netcore::Endpoint endpoint;
    if (!netcore::Endpoint::parse(commandLine.value(QStringLiteral("connect")), QStringLiteral("127.0.0.1"), &endpoint,
                                  &error)
        || endpoint.port == 0)
        return CommandLine::usageError(
            QStringLiteral("--connect: %1").arg(error.isEmpty() ? QStringLiteral("HOST:PORT needs a port") : error),
            usage());
    CompareOptions compare;
    if (!ReplayOptions::compare(commandLine, &compare, &error))
        return CommandLine::usageError(error, usage());

    // A recording that does not read is the caller's mistake, but the usage would only bury its line.
    const QString fileName = commandLine.positional().first();
    Recording recording;
    if (!Recording::load(fileName, &recording, &error)) {
        CommandLine::printError(error);
        return ExitBadArguments;
    }
    if (recording.conversations().isEmpty()) {
        CommandLine::printError(QStringLiteral("%1: no connection in it: a scenario needs a client").arg(fileName));
        return ExitBadArguments;
    }

    RecordingScenario::Options options;
    options.connect = netcore::Endpoint::format(endpoint.host, endpoint.port);
    options.ignorePointers = compare.ignorePointers;
    options.ignoreChannels = compare.ignoreChannels;
    options.name = commandLine.value(QStringLiteral("name"));
    QList<RecordingScenario::Note> notes;
    const QByteArray text = ScenarioText::format(RecordingScenario::toScenario(recording, options, &notes));
    for (const RecordingScenario::Note &note : std::as_const(notes))
        CommandLine::printError(QStringLiteral("%1:%2: %3").arg(fileName).arg(note.line).arg(note.text));
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    std::fflush(stdout);
    return ExitOk;
}

} // namespace wirebench::cli
