#include "sequencesender.h"

#include <cmath>

namespace wirebench {

SequenceSender::SequenceSender(TrafficCollector *collector, QObject *parent)
    : QObject(parent), m_collector(collector), m_timer(this)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SequenceSender::onTimeout);
}

SequenceSender::~SequenceSender() = default;

void SequenceSender::start(SendStep sendStep, int steps, int delayMsecs, int destinations)
{
    m_timer.stop();
    m_sendStep = std::move(sendStep);
    m_delayNsecs = qint64(qMax(0, delayMsecs)) * 1000000;
    const quint64 run = m_progress.run + 1;
    m_progress = SequenceProgress{};
    m_progress.run = run;
    m_progress.running = true;
    m_progress.steps = qMax(0, steps);
    m_progress.destinations = qMax(0, destinations);
    m_collector->setSequence(m_progress);
    sendNext();
}

void SequenceSender::stop()
{
    if (m_progress.running)
        finish();
}

void SequenceSender::onTimeout()
{
    // Precise timers are rounded to the millisecond: never send a step before its time.
    const qint64 left = m_delayNsecs - m_sinceLastStep.nsecsElapsed();
    if (left > 0) {
        m_timer.start(int(std::ceil(double(left) / 1e6)));
        return;
    }
    sendNext();
}

void SequenceSender::sendNext()
{
    if (m_progress.stepsDone >= m_progress.steps) {
        finish();
        return;
    }
    const bool refusedBefore = m_progress.messages.refused > 0;
    m_progress.messages.add(m_sendStep(m_progress.stepsDone));
    // From the step's end: every message of the next one goes a full delay after all of this one's.
    m_sinceLastStep.start();
    ++m_progress.stepsDone;
    if (!refusedBefore && m_progress.messages.refused > 0)
        m_collector->addEvent(EventKind::Error, tr("Sequence"), tr("not sent: %1").arg(m_progress.messages.firstRefusal));
    if (m_progress.stepsDone >= m_progress.steps) {
        finish();
        return;
    }
    m_collector->setSequence(m_progress);
    m_timer.start(int(m_delayNsecs / 1000000));
}

void SequenceSender::finish()
{
    m_timer.stop();
    m_sendStep = nullptr;
    m_progress.running = false;
    m_collector->setSequence(m_progress);
    if (m_progress.messages.refused > 0)
        m_collector->addEvent(EventKind::Error, tr("Sequence"), m_progress.messages.refusalSummary());
}

} // namespace wirebench
