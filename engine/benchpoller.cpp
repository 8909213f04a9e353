#include "benchpoller.h"

#include <engine/bench.h>

#include <algorithm>

namespace wirebench {

BenchPoller::BenchPoller(Bench *bench, QObject *parent) : QObject(parent), m_bench(bench), m_timer(this)
{
    // A late tick is better than a burst of catch-up ticks after a stall.
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &BenchPoller::pollNow);
}

BenchPoller::~BenchPoller() = default;

void BenchPoller::start(int hz)
{
    m_timer.start(1000 / std::clamp(hz, 1, 1000));
}

void BenchPoller::stop()
{
    m_timer.stop();
}

bool BenchPoller::isRunning() const
{
    return m_timer.isActive();
}

void BenchPoller::pollNow()
{
    if (!m_bench)
        return;
    const TrafficBatch batch = m_bench->takeBatch();
    m_droppedEntries += batch.droppedEntries;
    emit batchTaken(batch);
}

} // namespace wirebench
