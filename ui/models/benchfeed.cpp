#include "benchfeed.h"

#include <ui/models/channelstatsmodel.h>
#include <ui/models/clientlistmodel.h>
#include <ui/models/eventlogmodel.h>
#include <ui/models/messagelogmodel.h>
#include <ui/models/proxylistmodel.h>
#include <ui/models/serverlistmodel.h>

#include <engine/benchpoller.h>

namespace wirebench {

BenchFeed::BenchFeed(Bench *bench, QObject *parent) : QObject(parent), m_poller(new BenchPoller(bench, this))
{
    connect(m_poller, &BenchPoller::batchTaken, this, &BenchFeed::apply);
    m_clock.start();
}

BenchFeed::~BenchFeed() = default;

void BenchFeed::setLogModel(MessageLogModel *model)
{
    m_logModel = model;
}

void BenchFeed::setEventModel(EventLogModel *model)
{
    m_eventModel = model;
}

void BenchFeed::setServerModel(ServerListModel *model)
{
    m_serverModel = model;
}

void BenchFeed::setClientModel(ClientListModel *model)
{
    m_clientModel = model;
}

void BenchFeed::setChannelModel(ChannelStatsModel *model)
{
    m_channelModel = model;
}

void BenchFeed::setProxyModel(ProxyListModel *model)
{
    m_proxyModel = model;
}

void BenchFeed::start(int hz)
{
    m_poller->start(hz);
}

void BenchFeed::stop()
{
    m_poller->stop();
}

bool BenchFeed::isRunning() const
{
    return m_poller->isRunning();
}

void BenchFeed::applyNow()
{
    m_poller->pollNow();
}

quint64 BenchFeed::droppedEntries() const
{
    return m_poller->droppedEntries();
}

void BenchFeed::apply(const TrafficBatch &batch)
{
    if (m_logModel)
        m_logModel->append(batch.entries);
    if (m_eventModel)
        m_eventModel->append(batch.events);
    if (m_serverModel)
        m_serverModel->setServers(batch.servers);
    if (m_clientModel)
        m_clientModel->setClients(batch.clients);
    if (m_channelModel)
        m_channelModel->setChannels(batch.channels, m_clock.elapsed());
    if (m_proxyModel)
        m_proxyModel->setProxies(batch.proxies);
    emit batchApplied(batch);
}

} // namespace wirebench
