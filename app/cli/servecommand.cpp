#include "servecommand.h"

#include <app/cli/codecoptions.h>
#include <app/cli/commandline.h>
#include <app/cli/exitcodes.h>
#include <app/cli/listenoption.h>
#include <app/cli/recordoption.h>
#include <app/cli/signalwatcher.h>
#include <app/cli/tlsoptions.h>

#include <engine/recording/recorder.h>
#include <engine/responders/responderfactory.h>
#include <engine/responders/responderhost.h>
#include <engine/responders/scriptresponder.h>
#include <engine/serversetup.h>

#include <netcore/connectioninfo.h>
#include <netcore/endpoint.h>
#include <netcore/error.h>
#include <netcore/message.h>
#include <netcore/server.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QTimer>

#include <csignal>
#include <limits>

namespace wirebench::cli {

namespace {

constexpr int closeDeadlineMsecs = 3000;

/**
 * Echoes or relays @p message from @p connection as @p mode says, and records each copy sent
 * (with a @p recorder: a relay then goes out one recipient at a time). Thread-safe.
 */
template <typename MessageOrView>
void answer(netcore::Server *server, Recorder *recorder, ServerMode mode, quint64 connection,
            const MessageOrView &message)
{
    if (mode == ServerMode::Echo) {
        if (server->send(connection, message) && recorder)
            recorder->message(connection, ProxyDirection::ServerToClient, message);
    } else if (mode == ServerMode::Relay && !recorder) {
        server->broadcast(message, connection);
    } else if (mode == ServerMode::Relay) {
        for (const netcore::ConnectionInfo &info : server->connections()) {
            if (info.id != connection && server->send(info.id, message))
                recorder->message(info.id, ProxyDirection::ServerToClient, message);
        }
    }
}

QList<OptionSpec> serveSpecs()
{
    QList<OptionSpec> specs{
        ListenOption::spec(),
    };
    specs += CodecOptions::specs();
    specs += TlsOptions::serverSpecs();
    specs += {
        {QStringLiteral("echo"), {}, QStringLiteral("send every message back to its sender")},
        {QStringLiteral("relay"), {}, QStringLiteral("forward every message to every other client")},
        {QStringLiteral("responder"), QStringLiteral("FILE"),
         QStringLiteral("answer by content: rules (FILE.json) or a script (FILE.js); see wirebench-cli(1)")},
        {QStringLiteral("script-timeout"), QStringLiteral("MS"),
         QStringLiteral("stop a script's handler that runs longer than MS ms (default 1000)")},
        {QStringLiteral("max-clients"), QStringLiteral("N"),
         QStringLiteral("refuse peers beyond N connections (default 0, unlimited)")},
        {QStringLiteral("workers"), QStringLiteral("N"),
         QStringLiteral("I/O threads (default 1; 0 = the main thread, on Qt's own event dispatcher)")},
        {QStringLiteral("allow"), QStringLiteral("RANGES"),
         QStringLiteral("accept only peers in these comma-separated CIDR ranges, e.g. 127.0.0.0/8,::1/128")},
        {QStringLiteral("receipts"), {},
         QStringLiteral("confirm delivery to clients that use receipts; their repeats are delivered once (envelope)")},
        {QStringLiteral("idle-timeout"), QStringLiteral("MS"),
         QStringLiteral("close a connection that sends nothing for MS ms (default 0, never)")},
        {QStringLiteral("events"), QStringLiteral("FORMAT"),
         QStringLiteral("jsonl (default), text or none")},
        RecordOption::spec(),
        {QStringLiteral("help"), {}, QStringLiteral("show this help")},
    };
    return specs;
}

} // namespace

ServeCommand::ServeCommand(QObject *parent) : QObject(parent) {}

ServeCommand::~ServeCommand() = default;

QString ServeCommand::usage()
{
    return QStringLiteral("Usage: wirebench-cli serve [options]\n\n"
                          "Listens and prints \"listening on HOST:PORT\", then one event per line\n"
                          "(connected, disconnected, refused, message, error). SIGINT or SIGTERM\n"
                          "closes every connection (what was read is delivered and, with --receipts,\n"
                          "confirmed first) and exits 0.\n\nOptions:\n")
        + CommandLine::describe(serveSpecs());
}

int ServeCommand::run(const QStringList &arguments)
{
    CommandLine commandLine;
    QString error;
    if (!commandLine.parse(arguments, serveSpecs(), &error))
        return CommandLine::usageError(error, usage());
    if (commandLine.isSet(QStringLiteral("help")))
        return CommandLine::printHelp(usage());
    if (!commandLine.positional().isEmpty())
        return CommandLine::usageError(QStringLiteral("unexpected argument \"%1\"").arg(commandLine.positional().first()), usage());
    if (commandLine.isSet(QStringLiteral("echo")) && commandLine.isSet(QStringLiteral("relay")))
        return CommandLine::usageError(QStringLiteral("--echo and --relay exclude each other"), usage());
    const QString responderFile = commandLine.value(QStringLiteral("responder"));
    if (!responderFile.isEmpty() && (commandLine.isSet(QStringLiteral("echo")) || commandLine.isSet(QStringLiteral("relay"))))
        return CommandLine::usageError(QStringLiteral("--responder answers by itself: leave out --echo and --relay"), usage());
    if (!responderFile.isEmpty() && commandLine.isSet(QStringLiteral("receipts")))
        return CommandLine::usageError(QStringLiteral("--responder and --receipts exclude each other (a responder answers "
                                                      "in the I/O thread, before delivery is confirmed)"), usage());
    if (!responderFile.isEmpty() && !ResponderFactory::isKnown(responderFile))
        return CommandLine::usageError(QStringLiteral("--responder: %1 is neither rules (.json) nor a script (.js)")
                                           .arg(responderFile), usage());
    qint64 scriptTimeout = ScriptResponder::defaultTimeoutMsecs;
    if (!commandLine.integer(QStringLiteral("script-timeout"), 1, 3600000, &scriptTimeout, &error))
        return CommandLine::usageError(error, usage());
    if (commandLine.isSet(QStringLiteral("script-timeout")) && !responderFile.endsWith(QLatin1String(".js")))
        return CommandLine::usageError(QStringLiteral("--script-timeout goes with a script: --responder FILE.js"), usage());
    // The server as the app would host it: the same spec, set up by the same engine code.
    ServerSpec spec;
    spec.mode = commandLine.isSet(QStringLiteral("echo"))    ? ServerMode::Echo
              : commandLine.isSet(QStringLiteral("relay")) ? ServerMode::Relay
                                                             : ServerMode::Silent;
    netcore::Endpoint endpoint;
    QHostAddress address;
    if (!ListenOption::read(commandLine, &endpoint, &address, &error))
        return CommandLine::usageError(error, usage());
    spec.address = endpoint.host;
    spec.port = endpoint.port;

    if (!CodecOptions::toConfig(commandLine, &spec.codec, &error))
        return CommandLine::usageError(error, usage());
    EventPrinter::Format format = EventPrinter::Format::Jsonl;
    if (!EventPrinter::readFormat(commandLine, &format, &error))
        return CommandLine::usageError(error, usage());
    m_printer = EventPrinter(format);

    qint64 maxClients = 0, workers = 1, idleTimeout = 0;
    if (!commandLine.integer(QStringLiteral("max-clients"), 0, 1000000, &maxClients, &error)
        || !commandLine.integer(QStringLiteral("workers"), 0, 256, &workers, &error)
        || !commandLine.integer(QStringLiteral("idle-timeout"), 0, std::numeric_limits<int>::max(), &idleTimeout, &error))
        return CommandLine::usageError(error, usage());
    spec.maxClients = int(maxClients);
    spec.workers = int(workers);
    spec.idleTimeoutMsecs = int(idleTimeout);
    spec.allow = commandLine.value(QStringLiteral("allow"));
    netcore::PeerAllowList allowList;
    if (!netcore::PeerAllowList::parse(spec.allow, &allowList, &error))
        return CommandLine::usageError(QStringLiteral("--allow: %1").arg(error), usage());
    if (!TlsOptions::toServerSpec(commandLine, &spec, &error))
        return CommandLine::usageError(error, usage());
    spec.receipts = commandLine.isSet(QStringLiteral("receipts"));
    if (spec.receipts && spec.codec.kind != netcore::CodecConfig::Kind::Envelope)
        return CommandLine::usageError(QStringLiteral("--receipts needs the envelope codec"), usage());

    std::shared_ptr<Responder> responder;
    if (!responderFile.isEmpty()) {
        responder = ResponderFactory::load(responderFile, int(scriptTimeout), &error);
        if (!responder) {
            CommandLine::printError(error); // names the file and the line
            return ExitBadArguments;
        }
    }

    if (!RecordOption::start(commandLine, spec.codec, QStringLiteral("serve"), &m_recorder, &error)) {
        CommandLine::printError(error);
        return ExitFailure;
    }

    m_mode = spec.mode;
    m_server = ServerSetup::create(spec);
    if (!ServerSetup::configure(spec, m_server.get(), &error)) {
        CommandLine::printError(error); // what is left after the checks above: a file that cannot be read
        return RecordOption::finish(m_recorder.get(), ExitFailure);
    }
    // Echo and relay answer in the I/O thread; the main thread only sees what it must print.
    // Receipts confirm what the main thread delivered, so with them it answers (and records) too.
    const bool printMessages = m_printer.format() != EventPrinter::Format::None;
    m_answersInMainThread = spec.receipts;
    if (responder) {
        m_responderHost = std::make_unique<ResponderHost>(m_server.get());
        m_responderHost->setPassingOn(printMessages);
        m_responderHost->setRecorder(m_recorder.get());
        m_responderHost->setResponder(std::move(responder));
        connect(m_responderHost.get(), &ResponderHost::logged, this,
                [this](quint64 connection, const QString &text) { m_printer.log(connection, peerOf(connection), text); });
        connect(m_responderHost.get(), &ResponderHost::failed, this,
                [this](quint64 connection, const QString &code, const QString &message) {
                    m_printer.responderError(connection, peerOf(connection), code, message);
                });
    } else if (!spec.receipts && (m_mode != ServerMode::Silent || !printMessages || m_recorder)) {
        // Recorded where it happens, so an answer comes after what it answers in the file.
        netcore::Server *server = m_server.get();
        Recorder *recorder = m_recorder.get();
        const ServerMode mode = m_mode;
        if (recorder) {
            m_server->setConnectionHandler(
                [recorder](const netcore::ConnectionInfo &info) { recorder->connected(info.id, info.peerString()); });
        }
        m_server->setMessageHandler([server, recorder, mode, printMessages](quint64 connection,
                                                                            const netcore::MessageView &message) {
            if (recorder)
                recorder->message(connection, ProxyDirection::ClientToServer, message);
            answer(server, recorder, mode, connection, message);
            return !printMessages;
        });
    }
    connect(m_server.get(), &netcore::Server::clientConnected, this, &ServeCommand::onClientConnected);
    connect(m_server.get(), &netcore::Server::clientDisconnected, this, &ServeCommand::onClientDisconnected);
    connect(m_server.get(), &netcore::Server::connectionRefused, this, &ServeCommand::onConnectionRefused);
    connect(m_server.get(), &netcore::Server::messageReceived, this, &ServeCommand::onMessageReceived);
    connect(m_server.get(), &netcore::Server::errorOccurred, this, &ServeCommand::onErrorOccurred);

    SignalWatcher signalWatcher({SIGINT, SIGTERM});
    connect(&signalWatcher, &SignalWatcher::signalReceived, this, &ServeCommand::onSignalReceived);

    if (!m_server->listen(address, endpoint.port)) {
        CommandLine::printError(QStringLiteral("cannot listen on %1: %2").arg(endpoint.toString(), m_server->errorString()));
        return RecordOption::finish(m_recorder.get(), ExitFailure);
    }
    EventPrinter::printLine(QStringLiteral("listening on %1")
                                .arg(netcore::Endpoint::format(m_server->serverAddress(), m_server->serverPort())));
    const int exitCode = QCoreApplication::exec();
    if (m_responderHost)
        m_responderHost->setResponder({}); // a script's thread stops here, while the server it sends to is alive
    m_server.reset();
    m_responderHost.reset(); // after the server: its I/O threads call the host's handlers
    return RecordOption::finish(m_recorder.get(), exitCode);
}

void ServeCommand::onClientConnected(const netcore::ConnectionInfo &info)
{
    if (m_recorder && m_answersInMainThread) // else the connection handler recorded it
        m_recorder->connected(info.id, info.peerString());
    m_peers.insert(info.id, info.peerString());
    m_printer.connected(info.id, info.peerString());
}

void ServeCommand::onClientDisconnected(const netcore::ConnectionInfo &info,
                                        netcore::DisconnectReason reason, const QString &detail)
{
    m_peers.remove(info.id);
    if (m_recorder)
        m_recorder->disconnected(info.id, reason, detail, true);
    m_printer.disconnected(info.id, info.peerString(), reason, detail);
    exitWhenClosed();
}

void ServeCommand::onConnectionRefused(const QHostAddress &address, quint16 port, const QString &reason)
{
    m_printer.refused(netcore::Endpoint::format(address, port), reason);
}

void ServeCommand::onMessageReceived(quint64 connection, const netcore::Message &message)
{
    m_printer.message(connection, peerOf(connection), message);
    if (!m_answersInMainThread)
        return; // the message handler has answered (and recorded) already
    if (m_recorder)
        m_recorder->message(connection, ProxyDirection::ClientToServer, message);
    answer(m_server.get(), m_recorder.get(), m_mode, connection, message);
}

void ServeCommand::onErrorOccurred(const netcore::Error &error)
{
    if (m_recorder && error.connection != 0)
        m_recorder->error(error.connection, error, ProxyDirection::ClientToServer);
    m_printer.error(error.connection, peerOf(error.connection), error);
}

void ServeCommand::onSignalReceived()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_server->close();
    // A peer that reads nothing must not hold the exit: its connection is dropped with the server.
    QTimer::singleShot(closeDeadlineMsecs, this, [] { QCoreApplication::exit(ExitOk); });
    exitWhenClosed();
}

void ServeCommand::exitWhenClosed()
{
    if (m_stopping && m_server->connectionCount() == 0)
        QCoreApplication::exit(ExitOk);
}

QString ServeCommand::peerOf(quint64 connection) const
{
    if (connection == 0)
        return {};
    const auto it = m_peers.constFind(connection);
    if (it != m_peers.cend())
        return *it;
    return m_server->connectionInfo(connection).peerString();
}

} // namespace wirebench::cli
