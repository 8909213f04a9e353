#include "diffcommand.h"

#include <app/cli/commandline.h>
#include <app/cli/exitcodes.h>
#include <app/cli/replaycommand.h>
#include <app/cli/replayoptions.h>

#include <engine/recording/recording.h>

namespace wirebench::cli {

namespace {

QList<OptionSpec> diffSpecs()
{
    QList<OptionSpec> specs = ReplayOptions::compareSpecs();
    specs += {
        {QStringLiteral("help"), {}, QStringLiteral("show this help")},
    };
    return specs;
}

} // namespace

QString DiffCommand::usage()
{
    return QStringLiteral(
               "Usage: wirebench-cli diff A B [options]\n\n"
               "Compares recording B with recording A: the connections in the order they\n"
               "began, their messages both ways (channel, type and payload, in order) and\n"
               "who closed them. Prints each difference and a summary.\n"
               "Exit codes: 0 the same, 2 bad file or options, 3 differences.\n\nOptions:\n")
        + CommandLine::describe(diffSpecs());
}

int DiffCommand::run(const QStringList &arguments)
{
    CommandLine commandLine;
    QString error;
    if (!commandLine.parse(arguments, diffSpecs(), &error))
        return CommandLine::usageError(error, usage());
    if (commandLine.isSet(QStringLiteral("help")))
        return CommandLine::printHelp(usage());
    if (commandLine.positional().size() != 2)
        return CommandLine::usageError(QStringLiteral("diff needs two recordings, A and B"), usage());
    CompareOptions options;
    if (!ReplayOptions::compare(commandLine, &options, &error))
        return CommandLine::usageError(error, usage());

    Recording a, b;
    if (!Recording::load(commandLine.positional().at(0), &a, &error)
        || !Recording::load(commandLine.positional().at(1), &b, &error)) {
        CommandLine::printError(error);
        return ExitBadArguments;
    }
    const QList<Conversation> left = a.conversations(), right = b.conversations();
    const ConversationComparer comparer(options);
    ComparisonResult result;
    for (qsizetype i = 0; i < qMax(left.size(), right.size()); ++i) {
        // A connection only one of them has is compared with nothing: all of it differs.
        const Conversation expected = i < left.size() ? left[i] : Conversation{};
        const Conversation got = i < right.size() ? right[i] : Conversation{};
        result.conversations += 1;
        for (const ProxyDirection direction : {ProxyDirection::ClientToServer, ProxyDirection::ServerToClient})
            result.messages += comparer.compared(expected, direction).size();
        result.differences += comparer.compare(expected, got, int(i + 1),
                                               {ProxyDirection::ClientToServer, ProxyDirection::ServerToClient});
    }
    return ReplayCommand::printResult(result);
}

} // namespace wirebench::cli
