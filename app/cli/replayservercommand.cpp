#include "replayservercommand.h"

#include <app/cli/commandline.h>
#include <app/cli/exitcodes.h>
#include <app/cli/listenoption.h>
#include <app/cli/replayoptions.h>
#include <app/cli/signalwatcher.h>

#include <engine/recording/differencereport.h>
#include <engine/recording/recording.h>
#include <engine/recording/replayserver.h>

#include <netcore/connectioninfo.h>
#include <netcore/endpoint.h>
#include <netcore/error.h>
#include <netcore/message.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QTimer>

#include <csignal>

namespace wirebench::cli {

namespace {

constexpr int closeDeadlineMsecs = 3000;

QList<OptionSpec> replayServerSpecs()
{
    QList<OptionSpec> specs{
        {QStringLiteral("as-server"), {},
         QStringLiteral("play the recorded server's side to the clients that connect")},
        ListenOption::spec(),
        ReplayOptions::speedSpec(),
    };
    // What a server compares is each client message; --unordered has no meaning there.
    for (const OptionSpec &spec : ReplayOptions::compareSpecs()) {
        if (spec.name != QLatin1String("unordered"))
            specs.append(spec);
    }
    specs += {
        {QStringLiteral("events"), QStringLiteral("FORMAT"), QStringLiteral("jsonl (default), text or none")},
        {QStringLiteral("help"), {}, QStringLiteral("show this help")},
    };
    return specs;
}

} // namespace

ReplayServerCommand::ReplayServerCommand(QObject *parent) : QObject(parent) {}

ReplayServerCommand::~ReplayServerCommand() = default;

QString ReplayServerCommand::usage()
{
    return QStringLiteral("Usage: wirebench-cli replay RECORDING --as-server [options]\n\n"
                          "Plays the server side of RECORDING, in its codec: each client that\n"
                          "connects gets the recorded server's answers, each after the client message\n"
                          "that came before it in the recording, at the recorded gap (divided by\n"
                          "--speed), and is closed where the recorded server closed. The i-th client\n"
                          "plays the i-th recorded connection; after the last, the first again.\n"
                          "Prints \"listening on HOST:PORT\", then one event per line as serve does; a\n"
                          "client message other than the recorded one is an error \"ReplayMismatch\"\n"
                          "(and is answered all the same). SIGINT or SIGTERM exits 0.\n\nOptions:\n")
        + CommandLine::describe(replayServerSpecs());
}

int ReplayServerCommand::run(const QStringList &arguments)
{
    CommandLine commandLine;
    QString error;
    if (!commandLine.parse(arguments, replayServerSpecs(), &error))
        return CommandLine::usageError(error, usage());
    if (commandLine.isSet(QStringLiteral("help")))
        return CommandLine::printHelp(usage());
    if (commandLine.positional().isEmpty())
        return CommandLine::usageError(QStringLiteral("replay needs a RECORDING file"), usage());
    if (commandLine.positional().size() > 1)
        return CommandLine::usageError(QStringLiteral("unexpected argument \"%1\"").arg(commandLine.positional().at(1)),
                                       usage());
    ReplayServer::Setup setup;
    CompareOptions compare;
    if (!ReplayOptions::speed(commandLine, &setup.speed, &error)
        || !ReplayOptions::compare(commandLine, &compare, &error))
        return CommandLine::usageError(error, usage());
    setup.ignorePointers = compare.ignorePointers;
    setup.ignoreChannels = compare.ignoreChannels;
    netcore::Endpoint endpoint;
    QHostAddress address;
    if (!ListenOption::read(commandLine, &endpoint, &address, &error))
        return CommandLine::usageError(error, usage());
    EventPrinter::Format format = EventPrinter::Format::Jsonl;
    if (!EventPrinter::readFormat(commandLine, &format, &error))
        return CommandLine::usageError(error, usage());
    m_printer = EventPrinter(format);

    Recording recording;
    if (!Recording::load(commandLine.positional().constFirst(), &recording, &error)) {
        CommandLine::printError(error); // "FILE:LINE: what is wrong"
        return ExitBadArguments;
    }
    m_server = std::make_unique<ReplayServer>(recording, setup);
    connect(m_server.get(), &ReplayServer::clientConnected, this, &ReplayServerCommand::onClientConnected);
    connect(m_server.get(), &ReplayServer::clientDisconnected, this, &ReplayServerCommand::onClientDisconnected);
    connect(m_server.get(), &ReplayServer::messageReceived, this,
            [this](quint64 connection, const netcore::Message &message) {
                m_printer.message(connection, peerOf(connection), message);
            });
    connect(m_server.get(), &ReplayServer::mismatched, this, &ReplayServerCommand::onMismatched);
    connect(m_server.get(), &ReplayServer::errorOccurred, this,
            [this](const netcore::Error &error) {
                m_printer.error(error.connection, peerOf(error.connection), error);
            });

    SignalWatcher signalWatcher({SIGINT, SIGTERM});
    connect(&signalWatcher, &SignalWatcher::signalReceived, this, &ReplayServerCommand::onSignalReceived);

    if (!m_server->listen(address, endpoint.port)) {
        CommandLine::printError(
            QStringLiteral("cannot listen on %1: %2").arg(endpoint.toString(), m_server->errorString()));
        return ExitFailure;
    }
    EventPrinter::printLine(QStringLiteral("listening on %1")
                                .arg(netcore::Endpoint::format(m_server->serverAddress(), m_server->serverPort())));
    const int exitCode = QCoreApplication::exec();
    m_server.reset();
    return exitCode;
}

void ReplayServerCommand::onClientConnected(const netcore::ConnectionInfo &info, int conversation)
{
    m_peers.insert(info.id, info.peerString());
    // Which recorded connection this client plays: the key to reading its mismatches.
    m_printer.print(QStringLiteral("connected"), info.id, info.peerString(),
                    {{QStringLiteral("conversation"), conversation}},
                    QStringLiteral("conversation %1 of %2").arg(conversation).arg(m_server->conversationCount()));
}

void ReplayServerCommand::onClientDisconnected(const netcore::ConnectionInfo &info, netcore::DisconnectReason reason,
                                               const QString &detail)
{
    m_peers.remove(info.id);
    m_printer.disconnected(info.id, info.peerString(), reason, detail);
    exitWhenClosed();
}

void ReplayServerCommand::onMismatched(quint64 connection, const Difference &difference)
{
    const QString message = QStringLiteral("%1 message %2: %3")
                                .arg(proxyDirectionName(difference.direction))
                                .arg(difference.number)
                                .arg(difference.what);
    EventPrinter::Fields fields{{QStringLiteral("code"), QStringLiteral("ReplayMismatch")},
                                {QStringLiteral("message"), message}};
    if (difference.expected)
        fields.append({QStringLiteral("expected"), DifferenceReport::messageText(*difference.expected)});
    if (difference.got)
        fields.append({QStringLiteral("got"), DifferenceReport::messageText(*difference.got)});
    QString summary = QStringLiteral("ReplayMismatch: ") + message;
    if (difference.expected)
        summary += QStringLiteral(" (recorded: %1)").arg(DifferenceReport::messageText(*difference.expected));
    m_printer.print(QStringLiteral("error"), connection, peerOf(connection), fields, summary);
}

void ReplayServerCommand::onSignalReceived()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_server->close();
    // A peer that reads nothing must not hold the exit: its connection is dropped with the server.
    QTimer::singleShot(closeDeadlineMsecs, this, [] { QCoreApplication::exit(ExitOk); });
    exitWhenClosed();
}

void ReplayServerCommand::exitWhenClosed()
{
    if (m_stopping && m_server->connectionCount() == 0)
        QCoreApplication::exit(ExitOk);
}

} // namespace wirebench::cli
