#include "benchsession.h"

#include <ui/models/benchfeed.h>
#include <ui/models/channelstatsmodel.h>
#include <ui/models/clientlistmodel.h>
#include <ui/models/eventlogmodel.h>
#include <ui/models/messagelogmodel.h>
#include <ui/models/payloadlibrarymodel.h>
#include <ui/models/payloadsequencemodel.h>
#include <ui/models/proxylistmodel.h>
#include <ui/models/serverlistmodel.h>

#include <engine/bench.h>

namespace wirebench {

BenchSession::BenchSession(QObject *parent)
    : QObject(parent),
      m_bench(new Bench(this)),
      m_feed(new BenchFeed(m_bench, this)),
      m_logModel(new MessageLogModel(MessageLogModel::defaultCapacity, this)),
      m_eventModel(new EventLogModel(EventLogModel::defaultCapacity, this)),
      m_serverModel(new ServerListModel(this)),
      m_clientModel(new ClientListModel(this)),
      m_channelModel(new ChannelStatsModel(this)),
      m_proxyModel(new ProxyListModel(this)),
      m_payloadLibrary(new PayloadLibraryModel(this)),
      m_payloadSequence(new PayloadSequenceModel(this))
{
    m_feed->setLogModel(m_logModel);
    m_feed->setEventModel(m_eventModel);
    m_feed->setServerModel(m_serverModel);
    m_feed->setClientModel(m_clientModel);
    m_feed->setChannelModel(m_channelModel);
    m_feed->setProxyModel(m_proxyModel);
    connect(m_feed, &BenchFeed::batchApplied, this, [this](const TrafficBatch &batch) {
        if (!m_logRecording)
            m_unrecordedEntries += quint64(batch.entries.size());
    });
}

BenchSession::~BenchSession()
{
    // The feed must not tick into a bench being destroyed.
    m_feed->stop();
}

Workspace BenchSession::workspace() const
{
    Workspace workspace;
    for (int row = 0; row < m_serverModel->rowCount(); ++row) {
        const ServerState server = m_serverModel->server(row);
        ServerSpec spec = server.spec;
        if (spec.port == 0 && server.listening)
            spec.port = server.boundPort;
        workspace.servers.append(spec);
    }
    for (int row = 0; row < m_clientModel->rowCount(); ++row)
        workspace.clients.append(m_clientModel->client(row).spec);
    for (int row = 0; row < m_proxyModel->rowCount(); ++row) {
        const ProxyState proxy = m_proxyModel->proxy(row);
        ProxySpec spec = proxy.spec;
        if (spec.listenPort == 0 && proxy.listening)
            spec.listenPort = proxy.boundPort;
        workspace.proxies.append(spec);
    }
    workspace.payloads = m_payloadLibrary->payloads();
    workspace.sequence = m_payloadSequence->sequence();
    return workspace;
}

void BenchSession::openWorkspace(const Workspace &workspace)
{
    clear();
    for (const ServerSpec &server : workspace.servers)
        m_bench->addServer(server, true);
    for (const ProxySpec &proxy : workspace.proxies)
        m_bench->addProxy(proxy, true);
    for (const ClientSpec &client : workspace.clients)
        m_bench->addClient(client);
    m_payloadLibrary->setPayloads(workspace.payloads);
    m_payloadSequence->setSequence(workspace.sequence);
}

void BenchSession::clear()
{
    m_bench->stopLoad();
    m_bench->stopSequence();
    m_bench->clear();
    m_payloadLibrary->setPayloads({});
    m_payloadSequence->setSequence(PayloadSequence());
    m_logModel->clear();
    m_eventModel->clear();
}

void BenchSession::setLogRecording(bool recording)
{
    m_logRecording = recording;
    m_feed->setLogModel(recording ? m_logModel : nullptr);
}

} // namespace wirebench
