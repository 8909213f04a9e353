#pragma once

#include <engine/benchtypes.h>
#include <engine/trafficcollector.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <functional>

namespace wirebench {

/**
 * Sends the steps of a sequence in order, one at a time, with a pause between them, timed in the
 * thread it lives in (the bench's I/O thread), and publishes its SequenceProgress to a
 * TrafficCollector.
 *
 *     start ── step 1 ── delay ── step 2 ── delay ── ... ── step N ── done
 *
 * A step starts at least the delay after the one before it ended: a timer that fires early waits
 * for the rest. A delay of 0 still lets the thread serve its sockets between steps.
 */
class SequenceSender : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(SequenceSender)

public:
    /** Sends step @p index (from 0) and tells what became of its messages. */
    using SendStep = std::function<SendTally(int index)>;

    /** @p collector must outlive this. */
    explicit SequenceSender(TrafficCollector *collector, QObject *parent = nullptr);
    ~SequenceSender() override;

    /**
     * Replaces any run under way. The first step goes now. @p destinations: the messages one step
     * should be, for the progress. The first refusal of a run, and at its end the count of refused
     * ones, are Error events.
     */
    void start(SendStep sendStep, int steps, int delayMsecs, int destinations);
    void stop();
    bool isRunning() const { return m_progress.running; }

private:
    void onTimeout();
    void sendNext();
    void finish();

    TrafficCollector *const m_collector = nullptr;
    SendStep m_sendStep;
    QTimer m_timer;
    QElapsedTimer m_sinceLastStep;
    SequenceProgress m_progress;
    qint64 m_delayNsecs = 0;
};

} // namespace wirebench
