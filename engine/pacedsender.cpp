#include "pacedsender.h"

namespace wirebench {

PacedSender::PacedSender(TrafficCollector *collector, QObject *parent)
    : QObject(parent), m_collector(collector), m_timer(this)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &PacedSender::onTick);
}

PacedSender::~PacedSender() = default;

void PacedSender::start(SendOnce sendOnce, qint64 count, int ratePerSecond, int destinations)
{
    m_timer.stop();
    m_sendOnce = std::move(sendOnce);
    m_rate = qMax(0, ratePerSecond);
    const quint64 run = m_progress.run + 1;
    m_progress = LoadProgress{};
    m_progress.run = run;
    m_progress.running = true;
    m_progress.repetitions = qMax<qint64>(0, count);
    m_progress.destinations = qMax(0, destinations);
    m_progress.total = m_progress.repetitions * m_progress.destinations;
    m_collector->setLoad(m_progress);
    if (m_progress.repetitions == 0) {
        finish();
        return;
    }
    // Slow rates tick every 10 ms; fast ones every millisecond, so each tick sends a small burst.
    m_timer.setInterval(m_rate == 0 ? 0 : qBound(1, 1000 / m_rate, 10));
    m_clock.start();
    m_timer.start();
    onTick(); // the first message goes out now, not one interval later
}

void PacedSender::stop()
{
    if (!m_progress.running)
        return;
    finish();
}

void PacedSender::onTick()
{
    qint64 due = 0;
    if (m_rate == 0) {
        due = unpacedChunk;
    } else {
        const qint64 byNow = qMin(m_progress.repetitions, 1 + qint64(double(m_clock.nsecsElapsed()) * m_rate / 1e9));
        due = byNow - m_progress.repetitionsDone;
        // Catch up at most 20 ms worth per tick: a late tick must not freeze the I/O thread.
        due = qMin<qint64>(due, qMax(1, m_rate / 50));
    }
    due = qMin(due, m_progress.repetitions - m_progress.repetitionsDone);
    const bool refusedBefore = m_progress.messages.refused > 0;
    for (qint64 i = 0; i < due; ++i) {
        m_progress.messages.add(m_sendOnce());
        ++m_progress.repetitionsDone;
    }
    if (!refusedBefore && m_progress.messages.refused > 0)
        m_collector->addEvent(EventKind::Error, tr("Send N"), tr("not sent: %1").arg(m_progress.messages.firstRefusal));
    if (m_progress.repetitionsDone >= m_progress.repetitions)
        finish();
    else if (due > 0)
        m_collector->setLoad(m_progress);
}

void PacedSender::finish()
{
    m_timer.stop();
    m_sendOnce = nullptr;
    m_progress.running = false;
    m_collector->setLoad(m_progress);
    if (m_progress.messages.refused > 0)
        m_collector->addEvent(EventKind::Error, tr("Send N"), m_progress.messages.refusalSummary());
}

} // namespace wirebench
