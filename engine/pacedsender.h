#pragma once

#include <engine/benchtypes.h>
#include <engine/trafficcollector.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <functional>

namespace wirebench {

/**
 * Repeats one send N times at a given rate, paced by a timer in the thread
 * it lives in (the bench's I/O thread), and publishes its LoadProgress to a
 * TrafficCollector.
 *
 * Each tick sends what is due by the elapsed time (rate x elapsed), capped
 * so one tick never starves the event loop; at rate 0 it sends fixed chunks
 * with a zero-interval timer, as fast as the thread can while still serving
 * its sockets between chunks.
 */
class PacedSender : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(PacedSender)

public:
    /** Performs one repetition and tells what became of its messages. */
    using SendOnce = std::function<SendTally()>;

    static constexpr int unpacedChunk = 256;

    /** @p collector must outlive this. */
    explicit PacedSender(TrafficCollector *collector, QObject *parent = nullptr);
    ~PacedSender() override;

    /**
     * Replaces any run under way. @p ratePerSecond 0: as fast as possible. @p destinations: the
     * messages one repetition should be, for LoadProgress::total. The first refusal of a run, and
     * at its end the count of refused ones, are Error events.
     */
    void start(SendOnce sendOnce, qint64 count, int ratePerSecond, int destinations);
    void stop();
    bool isRunning() const { return m_progress.running; }

private:
    void onTick();
    void finish();

    TrafficCollector *const m_collector = nullptr;
    SendOnce m_sendOnce;
    QTimer m_timer;
    QElapsedTimer m_clock;
    LoadProgress m_progress;
    int m_rate = 0;
};

} // namespace wirebench
