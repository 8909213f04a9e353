#include "benchfeed.h"

#include "bench.h"
#include "channelstatsmodel.h"
#include "clientlistmodel.h"
#include "eventlogmodel.h"
#include "messagelogmodel.h"
#include "serverlistmodel.h"

#include <algorithm>

namespace wirebench {

BenchFeed::BenchFeed(Bench *bench, QObject *parent) : QObject(parent), m_bench(bench)
{
    // A late tick is better than a burst of catch-up ticks after a stall.
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &BenchFeed::applyNow);
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

void BenchFeed::start(int hz)
{
    m_timer.start(1000 / std::clamp(hz, 1, 1000));
}

void BenchFeed::stop()
{
    m_timer.stop();
}

bool BenchFeed::isRunning() const
{
    return m_timer.isActive();
}

void BenchFeed::applyNow()
{
    if (!m_bench)
        return;
    const TrafficBatch batch = m_bench->takeBatch();
    m_droppedEntries += batch.droppedEntries;
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
    emit batchApplied(batch);
}

quint64 BenchFeed::droppedEntries() const
{
    return m_droppedEntries;
}

} // namespace wirebench
