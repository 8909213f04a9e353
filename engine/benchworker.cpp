#include "benchworker.h"

#include <engine/hostedserver.h>
#include <engine/liverecording.h>
#include <engine/pacedsender.h>
#include <engine/sequencesender.h>
#include <engine/spawnedclient.h>

#include <QtCore/QSet>

namespace wirebench {

BenchWorker::BenchWorker(TrafficCollector *collector, QObject *parent)
    : QObject(parent), m_collector(collector), m_load(new PacedSender(collector, this)),
      m_sequence(new SequenceSender(collector, this)), m_snapshotTimer(this), m_soonTimer(this)
{
    m_snapshotTimer.setInterval(snapshotIntervalMsecs);
    connect(&m_snapshotTimer, &QTimer::timeout, this, &BenchWorker::publishSnapshots);
    m_soonTimer.setSingleShot(true);
    m_soonTimer.setInterval(0);
    connect(&m_soonTimer, &QTimer::timeout, this, &BenchWorker::publishSnapshots);
}

BenchWorker::~BenchWorker()
{
    m_load->stop();
    m_sequence->stop();
    m_clients.clear();
    m_proxies.clear();
    m_servers.clear();
}

void BenchWorker::begin()
{
    m_snapshotTimer.start();
}

void BenchWorker::addServer(int id, const ServerSpec &spec, bool start)
{
    auto hosted = std::make_unique<HostedServer>(id, spec, m_collector);
    if (start)
        hosted->start();
    m_servers[id] = std::move(hosted);
    publishSoon();
}

void BenchWorker::updateServer(int id, const ServerSpec &spec)
{
    if (HostedServer *hosted = server(id)) {
        hosted->setSpec(spec);
        publishSoon();
    }
}

void BenchWorker::startServer(int id)
{
    if (HostedServer *hosted = server(id)) {
        hosted->start();
        publishSoon();
    }
}

void BenchWorker::stopServer(int id)
{
    if (HostedServer *hosted = server(id)) {
        hosted->stop();
        publishSoon();
    }
}

void BenchWorker::setServerPaused(int id, bool paused)
{
    if (HostedServer *hosted = server(id)) {
        hosted->setPaused(paused);
        publishSoon();
    }
}

void BenchWorker::removeServer(int id)
{
    const auto it = m_servers.find(id);
    if (it == m_servers.end())
        return;
    m_collector->addEvent(EventKind::ServerStopped, it->second->name(), tr("removed"));
    m_servers.erase(it);
    publishSoon();
}

void BenchWorker::kick(int serverId, quint64 connection)
{
    if (HostedServer *hosted = server(serverId))
        hosted->kick(connection);
}

void BenchWorker::addClient(int id, const QString &name, const ClientSpec &spec)
{
    auto spawned = std::make_unique<SpawnedClient>(id, name, spec, m_collector);
    spawned->connectToServer();
    m_clients[id] = std::move(spawned);
    publishSoon();
}

void BenchWorker::connectClient(int id)
{
    if (SpawnedClient *spawned = client(id)) {
        spawned->connectToServer();
        publishSoon();
    }
}

void BenchWorker::disconnectClient(int id)
{
    if (SpawnedClient *spawned = client(id)) {
        spawned->disconnectFromServer();
        publishSoon();
    }
}

void BenchWorker::removeClient(int id)
{
    const auto it = m_clients.find(id);
    if (it == m_clients.end())
        return;
    m_collector->addEvent(EventKind::Info, it->second->name(), tr("removed"));
    m_clients.erase(it);
    publishSoon();
}

void BenchWorker::recordServer(int id, const QString &fileName)
{
    if (HostedServer *hosted = server(id)) {
        hosted->record(fileName);
        publishSoon();
    }
}

void BenchWorker::recordClients(const QList<int> &ids, const QString &fileName)
{
    QList<SpawnedClient *> group;
    for (const int id : ids) {
        if (SpawnedClient *spawned = client(id))
            group.append(spawned);
    }
    if (group.isEmpty())
        return;
    publishSoon();
    if (fileName.isEmpty()) {
        // Every file one of them is in ends, for all of its clients: a group is recorded whole or not at all.
        QSet<LiveRecording *> ending;
        for (SpawnedClient *spawned : std::as_const(group)) {
            if (spawned->recording())
                ending.insert(spawned->recording().get());
        }
        for (const auto &entry : m_clients) {
            const std::shared_ptr<LiveRecording> recording = entry.second->recording();
            if (recording && ending.contains(recording.get())) {
                recording->finish();
                entry.second->setRecording({});
            }
        }
        return;
    }
    const QString owner = group.size() == 1 ? group.constFirst()->name()
                                            : tr("%1 and %n other client(s)", nullptr, int(group.size()) - 1)
                                                  .arg(group.constFirst()->name());
    const netcore::CodecConfig codec = group.constFirst()->spec().codec;
    for (SpawnedClient *spawned : std::as_const(group)) {
        if (!(spawned->spec().codec == codec)) {
            m_collector->addEvent(EventKind::Error, owner,
                                  tr("cannot record: a recording has one codec, and %1 speaks another")
                                      .arg(spawned->name()));
            return;
        }
    }
    const std::shared_ptr<LiveRecording> recording = LiveRecording::start(fileName, codec, owner, m_collector);
    if (!recording)
        return;
    // A client is in one file at a time: one it was in goes on for the rest of its group.
    for (SpawnedClient *spawned : std::as_const(group))
        spawned->setRecording(recording);
}

void BenchWorker::send(quint64 ticket, const SendTarget &target, const ComposedPayload &payload)
{
    const SendTally tally = sendOnce(target, payload, 1);
    if (tally.refused > 0)
        m_collector->addEvent(EventKind::Error, tr("Send"), tally.refusalSummary());
    m_collector->addSendReport(SendReport{ticket, tally});
}

void BenchWorker::startLoad(const SendTarget &target, const ComposedPayload &payload, qint64 count,
                            int ratePerSecond)
{
    // The paced sender calls in order: the n-th call is repetition n.
    m_load->start([this, target, payload, seq = qint64(0)]() mutable { return sendOnce(target, payload, ++seq); },
                  count, ratePerSecond, destinationsOf(target));
}

void BenchWorker::stopLoad()
{
    m_load->stop();
}

void BenchWorker::startSequence(const SendTarget &target, const QList<ComposedPayload> &steps, int delayMsecs)
{
    m_sequence->start([this, target, steps](int index) { return sendOnce(target, steps.at(index), index + 1); },
                      int(steps.size()), delayMsecs, destinationsOf(target));
}

void BenchWorker::stopSequence()
{
    m_sequence->stop();
}

void BenchWorker::clear()
{
    m_load->stop();
    m_sequence->stop();
    m_clients.clear();
    m_proxies.clear();
    m_servers.clear();
    publishSoon();
}

SendTally BenchWorker::sendOnce(const SendTarget &target, const ComposedPayload &payload, qint64 seq)
{
    SendTally tally;
    netcore::Message message;
    QString why;
    // Without templates, one message for every destination; with them, one each (a {{random}} each).
    if (!payload.hasTemplates())
        payload.render(seq, &message, &why);
    const auto build = [&] { return !payload.hasTemplates() || payload.render(seq, &message, &why); };
    switch (target.kind) {
    case SendTarget::Kind::Clients:
        for (int id : target.clientIds) {
            SpawnedClient *spawned = client(id);
            if (!spawned)
                tally.refuse(tr("client #%1 was removed").arg(id));
            else if (!build())
                tally.refuse(why);
            else
                spawned->send(message, &tally);
        }
        break;
    case SendTarget::Kind::Connections: {
        HostedServer *hosted = server(target.serverId);
        for (quint64 connection : target.connections) {
            if (!build())
                tally.refuse(why);
            else if (hosted && hosted->send(connection, message))
                ++tally.sent;
            else
                tally.refuse(tr("connection #%1 is closed").arg(connection));
        }
        break;
    }
    case SendTarget::Kind::Broadcast: {
        HostedServer *hosted = server(target.serverId);
        if (hosted && payload.hasTemplates()) {
            broadcastEach(hosted, payload, seq, &tally);
            break;
        }
        const int recipients = hosted ? hosted->broadcast(message) : 0;
        if (recipients > 0)
            tally.sent += recipients;
        else
            tally.refuse(hosted ? tr("%1 has no client to broadcast to").arg(hosted->name())
                                : tr("the server was removed"));
        break;
    }
    }
    return tally;
}

void BenchWorker::broadcastEach(HostedServer *hosted, const ComposedPayload &payload, qint64 seq, SendTally *tally)
{
    const QList<quint64> connections = hosted->connectionIds();
    if (connections.isEmpty()) {
        tally->refuse(tr("%1 has no client to broadcast to").arg(hosted->name()));
        return;
    }
    for (const quint64 connection : connections) {
        netcore::Message message;
        QString why;
        if (!payload.render(seq, &message, &why))
            tally->refuse(why);
        else if (hosted->send(connection, message))
            ++tally->sent;
        else
            tally->refuse(tr("connection #%1 is closed").arg(connection));
    }
}

int BenchWorker::destinationsOf(const SendTarget &target) const
{
    switch (target.kind) {
    case SendTarget::Kind::Clients: return int(target.clientIds.size());
    case SendTarget::Kind::Connections: return int(target.connections.size());
    case SendTarget::Kind::Broadcast: {
        const HostedServer *hosted = server(target.serverId);
        // A broadcast to nobody is still one message refused per repetition.
        return hosted ? qMax(1, int(hosted->state().connections.size())) : 1;
    }
    }
    return 0;
}

HostedServer *BenchWorker::server(int id) const
{
    const auto it = m_servers.find(id);
    return it == m_servers.end() ? nullptr : it->second.get();
}

SpawnedClient *BenchWorker::client(int id) const
{
    const auto it = m_clients.find(id);
    return it == m_clients.end() ? nullptr : it->second.get();
}

void BenchWorker::publishSoon()
{
    if (!m_soonTimer.isActive())
        m_soonTimer.start();
}

void BenchWorker::publishSnapshots()
{
    m_soonTimer.stop();
    QList<ServerState> servers;
    servers.reserve(int(m_servers.size()));
    for (const auto &entry : m_servers)
        servers.append(entry.second->state());
    QList<ClientState> clients;
    clients.reserve(int(m_clients.size()));
    for (const auto &entry : m_clients)
        clients.append(entry.second->state());
    m_collector->setSnapshots(servers, clients);
    m_collector->setProxySnapshots(m_proxies.states());
}

} // namespace wirebench
