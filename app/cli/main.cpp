// wirebench-cli: serve, send, run, scenario, proxy, bench and demo from the command line. Other
// tools drive it by its flags, its exit codes and its one-event-per-line output.

#include <app/cli/benchcommand.h>
#include <app/cli/commandline.h>
#include <app/cli/democommand.h>
#include <app/cli/diffcommand.h>
#include <app/cli/eventprinter.h>
#include <app/cli/exitcodes.h>
#include <app/cli/proxycommand.h>
#include <app/cli/replaycommand.h>
#include <app/cli/runcommand.h>
#include <app/cli/scenariocommand.h>
#include <app/cli/sendcommand.h>
#include <app/cli/servecommand.h>

#include <netcore/version.h>

#include <QtCore/QCoreApplication>

namespace wirebench::cli {

namespace {

QString generalUsage()
{
    return QStringLiteral(
        "Usage: wirebench-cli <command> [options]\n\n"
        "Commands:\n"
        "  serve            listen and print every event; --echo or --relay messages\n"
        "  send HOST:PORT   send messages in the order given; print the replies\n"
        "  run SCENARIO     run a scenario file's sends and expectations against a server\n"
        "  scenario FILE    write a recording as a scenario for run, to edit by hand\n"
        "  proxy            sit between a client and --upstream: show both ways, inject faults\n"
        "  replay FILE      play a recording's client side (--to) or server side (--as-server)\n"
        "  diff A B         compare two recordings\n"
        "  bench HOST:PORT  load an echo server; report frames/s, MB/s and latency\n"
        "  demo             a server and three clients exchanging messages\n"
        "  help [COMMAND]   this help, or a command's\n\n"
        "Options:\n"
        "  --version        print the version\n"
        "  --help           print this help\n\n"
        "Exit codes: 0 success, 1 connection failure, 2 bad arguments, 3 timeout, failed check or differences.\n"
        "Run \"wirebench-cli help COMMAND\" for a command's options.\n");
}

int printHelp(const QString &command)
{
    if (command == QLatin1String("serve"))
        return CommandLine::printHelp(ServeCommand::usage());
    if (command == QLatin1String("send"))
        return CommandLine::printHelp(SendCommand::usage());
    if (command == QLatin1String("run"))
        return CommandLine::printHelp(RunCommand::usage());
    if (command == QLatin1String("scenario"))
        return CommandLine::printHelp(ScenarioCommand::usage());
    if (command == QLatin1String("proxy"))
        return CommandLine::printHelp(ProxyCommand::usage());
    if (command == QLatin1String("replay"))
        return CommandLine::printHelp(ReplayCommand::usage());
    if (command == QLatin1String("diff"))
        return CommandLine::printHelp(DiffCommand::usage());
    if (command == QLatin1String("bench"))
        return CommandLine::printHelp(BenchCommand::usage());
    if (command == QLatin1String("demo"))
        return CommandLine::printHelp(DemoCommand::usage());
    if (command.isEmpty())
        return CommandLine::printHelp(generalUsage());
    return CommandLine::usageError(QStringLiteral("unknown command \"%1\"").arg(command), generalUsage());
}

} // namespace

/** Runs the command that @p arguments (without the program's name) ask for; returns the exit code. */
int run(QStringList arguments)
{
    if (arguments.isEmpty())
        return CommandLine::usageError(QStringLiteral("no command given"), generalUsage());
    const QString command = arguments.takeFirst();

    if (command == QLatin1String("--version") || command == QLatin1String("version")) {
        EventPrinter::printLine(QStringLiteral("wirebench-cli ") + netcore::versionString());
        return ExitOk;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help"))
        return printHelp(arguments.value(0));
    if (command == QLatin1String("serve"))
        return ServeCommand().run(arguments);
    if (command == QLatin1String("send"))
        return SendCommand().run(arguments);
    if (command == QLatin1String("run"))
        return RunCommand().run(arguments);
    if (command == QLatin1String("scenario"))
        return ScenarioCommand().run(arguments);
    if (command == QLatin1String("proxy"))
        return ProxyCommand().run(arguments);
    if (command == QLatin1String("replay"))
        return ReplayCommand().run(arguments);
    if (command == QLatin1String("diff"))
        return DiffCommand().run(arguments);
    if (command == QLatin1String("bench"))
        return BenchCommand().run(arguments);
    if (command == QLatin1String("demo"))
        return DemoCommand().run(arguments);
    return CommandLine::usageError(QStringLiteral("unknown command \"%1\"").arg(command), generalUsage());
}

} // namespace wirebench::cli

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("wirebench-cli"));
    QCoreApplication::setApplicationVersion(netcore::versionString());
    return wirebench::cli::run(QCoreApplication::arguments().mid(1));
}
