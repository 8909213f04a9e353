#include "sendcommand.h"

#include <app/cli/codecoptions.h>
#include <app/cli/commandline.h>
#include <app/cli/exitcodes.h>
#include <app/cli/payloadoptions.h>
#include <app/cli/recordoption.h>
#include <app/cli/tlsoptions.h>

#include <engine/clientsetup.h>
#include <engine/recording/recorder.h>

#include <netcore/client.h>
#include <netcore/codec.h>
#include <netcore/endpoint.h>
#include <netcore/error.h>

#include <QtCore/QCoreApplication>

#include <limits>

namespace wirebench::cli {

namespace {

QList<OptionSpec> sendSpecs()
{
    QList<OptionSpec> specs = CodecOptions::specs();
    specs += TlsOptions::clientSpecs();
    specs += {
        {QStringLiteral("channel"), QStringLiteral("NAME"), QStringLiteral("channel of every message (envelope)")},
        {QStringLiteral("id"), QStringLiteral("N"), QStringLiteral("id of every message, 0-4294967295 (envelope)")},
    };
    specs += PayloadOptions::specs();
    specs += {
        {QStringLiteral("receipts"), {},
         QStringLiteral("exit 0 only once the server confirmed delivery (serve --receipts; envelope)")},
        {QStringLiteral("expect"), QStringLiteral("N"),
         QStringLiteral("wait for N messages, then exit 0 (default 0: exit once sent)")},
        {QStringLiteral("timeout"), QStringLiteral("MS"),
         QStringLiteral("give up after MS ms and exit 3 (default 10000)")},
        {QStringLiteral("events"), QStringLiteral("FORMAT"), QStringLiteral("jsonl (default), text or none")},
        RecordOption::spec(),
        {QStringLiteral("help"), {}, QStringLiteral("show this help")},
    };
    return specs;
}

} // namespace

SendCommand::SendCommand(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SendCommand::onTimeout);
}

SendCommand::~SendCommand() = default;

QString SendCommand::usage()
{
    return QStringLiteral("Usage: wirebench-cli send HOST:PORT [options] (--text S | --json JSON | --hex HEX\n"
                          "                          | --file PATH | --cbor JSON)...\n\n"
                          "Connects, sends one message per payload option in the order given, then\n"
                          "prints received messages (and errors) as events, one per line.\n"
                          "Exit codes: 0 done, 1 cannot connect or connection lost, 2 bad arguments,\n"
                          "3 timeout.\n\nOptions:\n")
        + CommandLine::describe(sendSpecs());
}

int SendCommand::parse(const QStringList &arguments)
{
    CommandLine commandLine;
    QString error;
    if (!commandLine.parse(arguments, sendSpecs(), &error))
        return CommandLine::usageError(error, usage());
    if (commandLine.isSet(QStringLiteral("help")))
        return CommandLine::printHelp(usage());
    if (commandLine.positional().size() != 1)
        return CommandLine::usageError(QStringLiteral("send needs exactly one HOST:PORT"), usage());

    netcore::Endpoint endpoint;
    if (!netcore::Endpoint::parse(commandLine.positional().first(), QStringLiteral("127.0.0.1"), &endpoint, &error))
        return CommandLine::usageError(error, usage());
    if (endpoint.port == 0)
        return CommandLine::usageError(QStringLiteral("HOST:PORT needs a port"), usage());
    m_spec.host = endpoint.host;
    m_spec.port = endpoint.port;
    m_spec.autoReconnect = false; // one exchange: a lost connection is the answer
    m_peer = endpoint.toString();

    if (!CodecOptions::toConfig(commandLine, &m_spec.codec, &error)
        || !TlsOptions::toClientSpec(commandLine, &m_spec, &error))
        return CommandLine::usageError(error, usage());
    EventPrinter::Format format = EventPrinter::Format::Jsonl;
    if (!EventPrinter::readFormat(commandLine, &format, &error))
        return CommandLine::usageError(error, usage());
    m_printer = EventPrinter(format);

    qint64 id = 0, expect = 0, timeout = m_timeoutMsecs;
    if (!commandLine.integer(QStringLiteral("id"), 0, std::numeric_limits<quint32>::max(), &id, &error)
        || !commandLine.integer(QStringLiteral("expect"), 0, std::numeric_limits<int>::max(), &expect, &error)
        || !commandLine.integer(QStringLiteral("timeout"), 1, std::numeric_limits<int>::max(), &timeout, &error))
        return CommandLine::usageError(error, usage());
    m_expect = int(expect);
    m_timeoutMsecs = int(timeout);
    m_spec.receipts = commandLine.isSet(QStringLiteral("receipts"));
    if (m_spec.receipts && m_spec.codec.kind != netcore::CodecConfig::Kind::Envelope)
        return CommandLine::usageError(QStringLiteral("--receipts needs the envelope codec"), usage());

    const std::unique_ptr<netcore::Codec> encoder = netcore::Codec::create(m_spec.codec);
    for (const CommandLine::Entry &entry : commandLine.entries()) {
        if (!PayloadOptions::isPayloadOption(entry.name))
            continue;
        netcore::Message message;
        if (!PayloadOptions::toMessage(entry.name, entry.value, commandLine.value(QStringLiteral("channel")),
                                       quint32(id), &message, &error))
            return CommandLine::usageError(error, usage());
        QByteArray wire;
        netcore::Error encodeError;
        if (!encoder->encode(message, wire, &encodeError))
            return CommandLine::usageError(QStringLiteral("--%1: %2").arg(entry.name, encodeError.message), usage());
        m_messages.append(message);
    }
    if (m_messages.isEmpty() && m_expect == 0)
        return CommandLine::usageError(QStringLiteral("nothing to send: give a payload option or --expect"), usage());
    if (!RecordOption::start(commandLine, m_spec.codec, QStringLiteral("send"), &m_recorder, &error)) {
        CommandLine::printError(error);
        return ExitFailure;
    }
    return -1;
}

int SendCommand::run(const QStringList &arguments)
{
    const int parseResult = parse(arguments);
    if (parseResult >= 0)
        return parseResult;

    m_client = std::make_unique<netcore::Client>(m_spec.codec);
    QString error;
    if (!ClientSetup::configure(m_spec, m_client.get(), &error)) {
        CommandLine::printError(error); // what is left after parse(): a CA file that cannot be read
        return ExitFailure;
    }
    connect(m_client.get(), &netcore::Client::connected, this, &SendCommand::onConnected);
    connect(m_client.get(), &netcore::Client::messageReceived, this, &SendCommand::onMessageReceived);
    connect(m_client.get(), &netcore::Client::errorOccurred, this, &SendCommand::onErrorOccurred);
    connect(m_client.get(), &netcore::Client::disconnected, this, &SendCommand::onDisconnected);

    m_timer.start(m_timeoutMsecs);
    m_client->connectToHost(m_spec.host, m_spec.port);
    const int exitCode = QCoreApplication::exec();
    m_client.reset();
    return RecordOption::finish(m_recorder.get(), exitCode);
}

void SendCommand::onConnected()
{
    m_connected = true;
    if (m_recorder)
        m_recorder->connected(1, QStringLiteral("send (port %1)").arg(m_client->localPort()));
    for (const netcore::Message &message : std::as_const(m_messages)) {
        if (!m_client->send(message)) {
            finish(ExitFailure);  // onErrorOccurred() has printed why
            return;
        }
        if (m_recorder)
            m_recorder->message(1, ProxyDirection::ClientToServer, message);
    }
    if (m_expect == 0)
        closeAndFinish(ExitOk);
}

void SendCommand::onMessageReceived(const netcore::Message &message)
{
    if (m_recorder && !m_finished) // all that came, the expected and what followed them
        m_recorder->message(1, ProxyDirection::ServerToClient, message);
    // What arrives after the expected messages (while closing) is not part of the answer.
    if (m_finished || (m_expect > 0 && m_received >= m_expect))
        return;
    m_printer.message(1, m_peer, message);
    if (++m_received == m_expect)
        closeAndFinish(ExitOk);
}

void SendCommand::onErrorOccurred(const netcore::Error &error)
{
    if (m_finished)
        return;
    if (m_recorder && m_connected)
        m_recorder->error(1, error, ProxyDirection::ServerToClient);
    if (!m_connected) {
        CommandLine::printError(error.message);
        finish(ExitFailure);
        return;
    }
    m_printer.error(1, m_peer, error);
    if (error.code == netcore::ErrorCode::MessageTooLarge || error.code == netcore::ErrorCode::SendQueueFull)
        CommandLine::printError(error.message);
}

void SendCommand::onDisconnected(netcore::DisconnectReason reason, const QString &detail)
{
    if (m_closing || m_finished)
        return;
    if (m_recorder)
        m_recorder->disconnected(1, reason, detail, false);
    m_printer.disconnected(1, m_peer, reason, detail);
    CommandLine::printError(QStringLiteral("connection closed after %1 of %2 expected messages: %3")
                                .arg(m_received).arg(m_expect).arg(detail.isEmpty() ? netcore::disconnectReasonName(reason) : detail));
    finish(ExitFailure);
}

void SendCommand::onTimeout()
{
    if (!m_connected) {
        CommandLine::printError(QStringLiteral("cannot connect to %1: no answer within %2 ms").arg(m_peer).arg(m_timeoutMsecs));
        finish(ExitFailure);
    } else if (m_closing) {
        CommandLine::printError(m_spec.receipts
                                    ? QStringLiteral("timeout: the server did not confirm delivery within %1 ms (does it serve --receipts?)").arg(m_timeoutMsecs)
                                    : QStringLiteral("timeout: the messages were not written within %1 ms").arg(m_timeoutMsecs));
        finish(ExitCheckFailed);
    } else {
        CommandLine::printError(QStringLiteral("timeout: %1 of %2 expected messages arrived within %3 ms")
                                    .arg(m_received).arg(m_expect).arg(m_timeoutMsecs));
        finish(ExitCheckFailed);
    }
}

void SendCommand::closeAndFinish(int exitCode)
{
    if (m_closing || m_finished)
        return;
    m_closing = true;
    // The waits run a nested loop; the timeout may end the run inside it.
    const int left = qMax(1, m_timer.remainingTime());
    const bool sent = m_spec.receipts ? m_client->waitForDelivered(left) : m_client->waitForSent(left);
    if (m_finished)
        return;
    if (!sent) {
        onTimeout();
        return;
    }
    m_client->disconnectFromHost();
    if (m_recorder)
        m_recorder->disconnected(1, netcore::DisconnectReason::ClosedLocally, {}, false);
    finish(exitCode);
}

void SendCommand::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    QCoreApplication::exit(exitCode);
}

} // namespace wirebench::cli
