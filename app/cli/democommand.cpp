#include "democommand.h"

#include <app/cli/commandline.h>
#include <app/cli/exitcodes.h>

#include <netcore/client.h>
#include <netcore/connectioninfo.h>
#include <netcore/endpoint.h>
#include <netcore/error.h>
#include <netcore/server.h>

#include <QtCore/QCborMap>
#include <QtCore/QCoreApplication>
#include <QtCore/QJsonObject>

using netcore::Message;

namespace wirebench::cli {

namespace {

constexpr int stepIntervalMsecs = 100;
constexpr int deadlineMsecs = 15000;

const QString chat = QStringLiteral("chat");
const QString telemetry = QStringLiteral("telemetry");

} // namespace

DemoCommand::DemoCommand(QObject *parent)
    : QObject(parent), m_serverPrinter(EventPrinter::Format::Text, QStringLiteral("server"))
{
    m_stepTimer.setInterval(stepIntervalMsecs);
    connect(&m_stepTimer, &QTimer::timeout, this, &DemoCommand::sendNextStep);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &DemoCommand::onDeadline);
}

DemoCommand::~DemoCommand() = default;

QString DemoCommand::usage()
{
    return QStringLiteral("Usage: wirebench-cli demo\n\n"
                          "Starts a relaying server on a free loopback port and three clients (alice,\n"
                          "bob, carol) that exchange json, text, binary and cbor messages on the\n"
                          "channels \"chat\" and \"telemetry\", printing the event log. Exits 0 when\n"
                          "every message has reached every other client.\n");
}

int DemoCommand::run(const QStringList &arguments)
{
    if (arguments.contains(QLatin1String("--help")) || arguments.contains(QLatin1String("-h")))
        return CommandLine::printHelp(usage());
    if (!arguments.isEmpty())
        return CommandLine::usageError(QStringLiteral("demo takes no arguments"), usage());

    m_server = std::make_unique<netcore::Server>();
    connect(m_server.get(), &netcore::Server::clientConnected, this, &DemoCommand::onServerClientConnected);
    connect(m_server.get(), &netcore::Server::clientDisconnected, this, &DemoCommand::onServerClientDisconnected);
    connect(m_server.get(), &netcore::Server::messageReceived, this, &DemoCommand::onServerMessageReceived);
    connect(m_server.get(), &netcore::Server::errorOccurred, this, [this](const netcore::Error &error) {
        m_serverPrinter.error(error.connection, m_peers.value(error.connection), error);
    });
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        CommandLine::printError(QStringLiteral("cannot listen: %1").arg(m_server->errorString()));
        return ExitFailure;
    }
    m_serverAddress = netcore::Endpoint::format(QStringLiteral("127.0.0.1"), m_server->serverPort());
    EventPrinter::printLine(QStringLiteral("wirebench demo: a relaying server on %1, clients alice, bob and carol")
                                .arg(m_serverAddress));

    for (const QString &name : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")})
        m_participants.push_back({name, std::make_unique<netcore::Client>(),
                                  EventPrinter(EventPrinter::Format::Text, name), 0, 0});

    m_script = {
        {0, Message::json(QJsonDocument(QJsonObject{{QStringLiteral("from"), QStringLiteral("alice")},
                                                    {QStringLiteral("text"), QStringLiteral("hello, everyone")}}),
                          chat, 1)},
        {1, Message::text(QStringLiteral("hi alice, \u00e7a va?"), chat, 2)},
        {2, Message::cbor(QCborMap{{QStringLiteral("sensor"), QStringLiteral("thermo-1")},
                                   {QStringLiteral("celsius"), 21.5},
                                   {QStringLiteral("ok"), true}},
                          telemetry, 3)},
        {2, Message::binary(QByteArray::fromHex("01020304fffe"), telemetry, 4)},
        {1, Message::json(QJsonDocument(QJsonObject{{QStringLiteral("request"), QStringLiteral("status")}}),
                          telemetry, 5)},
        {0, Message::text(QStringLiteral("bye for now"), chat, 6)},
    };
    for (const Step &step : std::as_const(m_script)) {
        for (std::size_t i = 0; i < m_participants.size(); ++i) {
            if (int(i) != step.from)
                ++m_participants[i].expected;
        }
    }

    for (Participant &participant : m_participants) {
        Participant *p = &participant;
        connect(p->client.get(), &netcore::Client::messageReceived, this,
                [this, p](const Message &message) { onParticipantMessage(*p, message); });
        connect(p->client.get(), &netcore::Client::errorOccurred, this,
                [this, p](const netcore::Error &error) { p->printer.error(0, m_serverAddress, error); });
        p->client->connectToHost(QStringLiteral("127.0.0.1"), m_server->serverPort());
    }
    m_deadline.start(deadlineMsecs);
    const int exitCode = QCoreApplication::exec();
    m_participants.clear();
    m_server.reset();
    return exitCode;
}

void DemoCommand::onServerClientConnected(const netcore::ConnectionInfo &info)
{
    m_peers.insert(info.id, info.peerString());
    m_serverPrinter.connected(info.id, info.peerString());
    // Relaying to everyone needs everyone connected first.
    if (m_peers.size() == int(m_participants.size()) && m_nextStep == 0)
        m_stepTimer.start();
}

void DemoCommand::onServerClientDisconnected(const netcore::ConnectionInfo &info,
                                             netcore::DisconnectReason reason, const QString &detail)
{
    m_peers.remove(info.id);
    m_serverPrinter.disconnected(info.id, info.peerString(), reason, detail);
    if (m_closing && m_peers.isEmpty()) {
        EventPrinter::printLine(QStringLiteral("demo done: %1 messages sent, each relayed to the other two clients")
                                    .arg(m_script.size()));
        m_deadline.stop();
        QCoreApplication::exit(ExitOk);
    }
}

void DemoCommand::onServerMessageReceived(quint64 connection, const Message &message)
{
    m_serverPrinter.message(connection, m_peers.value(connection), message);
    m_server->broadcast(message, connection);
}

void DemoCommand::onParticipantMessage(Participant &participant, const Message &message)
{
    participant.printer.message(0, m_serverAddress, message);
    ++participant.received;
    closeIfDelivered();
}

void DemoCommand::sendNextStep()
{
    if (m_nextStep >= m_script.size()) {
        m_stepTimer.stop();
        return;
    }
    const Step &step = m_script.at(m_nextStep++);
    m_participants[std::size_t(step.from)].client->send(step.message);
}

void DemoCommand::closeIfDelivered()
{
    if (m_closing || m_nextStep < m_script.size())
        return;
    for (const Participant &participant : m_participants) {
        if (participant.received < participant.expected)
            return;
    }
    m_closing = true;
    for (Participant &participant : m_participants)
        participant.client->disconnectFromHost();
}

void DemoCommand::onDeadline()
{
    CommandLine::printError(QStringLiteral("demo did not finish within %1 ms").arg(deadlineMsecs));
    QCoreApplication::exit(ExitFailure);
}

} // namespace wirebench::cli
