#include "demoscript.h"

#include <engine/bench.h>
#include <engine/benchpoller.h>
#include <engine/gaugeimage.h>

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QtEndian>

#include <algorithm>
#include <cmath>

namespace wirebench {

namespace {

const QString chatChannel = QStringLiteral("chat");
const QString telemetryChannel = QStringLiteral("telemetry");
const QString imageChannel = QStringLiteral("image");
const QStringList clientNames{QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")};
const QStringList lines{QStringLiteral("hello, everyone"),      QStringLiteral("is the sensor feed up?"),
                        QStringLiteral("telemetry looks good"), QStringLiteral("sending a snapshot"),
                        QStringLiteral("got it, thanks"),       QStringLiteral("load is climbing")};

QByteArray telemetryPayload(int sequence)
{
    QByteArray bytes(12, '\0');
    auto *data = reinterpret_cast<uchar *>(bytes.data());
    qToBigEndian<quint32>(quint32(sequence), data);
    qToBigEndian<quint32>(quint32(sequence) * quint32(DemoScript::stepIntervalMsecs), data + 4);
    qToBigEndian<qint16>(qint16(2150 + int(250 * std::sin(sequence / 5.0))), data + 8);
    qToBigEndian<quint16>(quint16(300 + (sequence * 37) % 500), data + 10);
    return bytes;
}

} // namespace

DemoScript::DemoScript(Bench *bench, BenchPoller *poller, QObject *parent)
    : QObject(parent), m_bench(bench), m_stepTimer(this)
{
    m_stepTimer.setInterval(stepIntervalMsecs);
    connect(&m_stepTimer, &QTimer::timeout, this, &DemoScript::step);
    connect(poller, &BenchPoller::batchTaken, this, &DemoScript::onBatchTaken);
}

DemoScript::~DemoScript() = default;

void DemoScript::start()
{
    ServerSpec server;
    server.name = tr("demo relay");
    server.mode = ServerMode::Relay;
    m_serverId = m_bench->addServer(server, true);
}

void DemoScript::stop() { m_stepTimer.stop(); }

void DemoScript::onBatchTaken(const TrafficBatch &batch)
{
    if (m_serverId == 0)
        return;
    if (m_clientIds.isEmpty()) {
        const auto server = std::find_if(batch.servers.cbegin(), batch.servers.cend(),
                                         [this](const ServerState &state) { return state.id == m_serverId; });
        if (server == batch.servers.cend() || !server->listening || server->boundPort == 0)
            return;
        for (const QString &name : clientNames) {
            ClientSpec client;
            client.name = name;
            client.host = server->spec.address;
            client.port = server->boundPort;
            m_clientIds.append(m_bench->addClient(client));
        }
        return;
    }
    if (m_clientsConnected)
        return;
    const int connected = int(std::count_if(batch.clients.cbegin(), batch.clients.cend(), [this](const ClientState &c) {
        return m_clientIds.contains(c.id) && c.state == QLatin1String("connected");
    }));
    if (connected == m_clientIds.size()) {
        m_clientsConnected = true;
        step();
        m_stepTimer.start();
    }
}

void DemoScript::step()
{
    const int speaker = m_step % int(m_clientIds.size());
    SendTarget fromClient;
    fromClient.kind = SendTarget::Kind::Clients;
    fromClient.clientIds = {m_clientIds.at(speaker)};

    const QJsonObject chat{{QStringLiteral("from"), clientNames.at(speaker)},
                           {QStringLiteral("text"), lines.at(m_step % lines.size())},
                           {QStringLiteral("seq"), m_step}};
    m_bench->send(fromClient, netcore::Message::json(QJsonDocument(chat), chatChannel, quint32(m_step + 1)));

    SendTarget broadcast;
    broadcast.kind = SendTarget::Kind::Broadcast;
    broadcast.serverId = m_serverId;
    m_bench->send(broadcast, netcore::Message::binary(telemetryPayload(m_step), telemetryChannel, quint32(m_step + 1)));

    if (m_step % 5 == 2)
        m_bench->send(fromClient, netcore::Message::binary(GaugeImage::png(m_step), imageChannel, quint32(m_step + 1)));

    ++m_step;
    if (!m_settled && m_step >= settleSteps) {
        m_settled = true;
        emit settled();
    }
}

} // namespace wirebench
