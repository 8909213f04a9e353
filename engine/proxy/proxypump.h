#pragma once

#include <engine/proxy/faultrandom.h>
#include <engine/proxy/fault.h>

#include <QtCore/QByteArray>
#include <QtCore/QObject>

#include <atomic>
#include <deque>
#include <memory>

namespace wirebench {

class DueTimer;
class FrameStage;
class ProxySocket;
struct DirectionPlan;

/**
 * One direction of a proxied connection: reads its source, passes the bytes
 * through the direction's faults and writes them to its sink, then passes
 * the source's end on (FIN as FIN, RST as RST).
 *
 * With no fault that times or limits, a read is written at once from the
 * thread's read buffer, and only what the sink did not take is copied
 * (socat's loop, on epoll). Otherwise the bytes wait in a queue, each read
 * due at its time (latency ± jitter, order kept), and leave in writes that
 * slicing and bandwidth size and space out; a DueTimer wakes the pump.
 *
 * Bounded: past highWater bytes queued or held, the source is not read
 * (TCP then slows its sender) until the queue is down to lowWater.
 */
class ProxyPump : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProxyPump)

public:
    static constexpr qint64 highWater = 1024 * 1024;
    static constexpr qint64 lowWater = 256 * 1024;

    /** What a pump tells its connection. */
    class Listener
    {
    public:
        virtual ~Listener() = default;
        /** The source ended (@p reset: RST or a read error); its end is on its way to the sink. */
        virtual void sourceEnded(ProxyPump *pump, bool reset) = 0;
        /** The end was passed on: FIN sent to the sink, or (@p reset) the connection must be reset. */
        virtual void endPassed(ProxyPump *pump, bool reset) = 0;
        /** Writing to the sink failed with @p error (the sink's peer reset or vanished). */
        virtual void sinkFailed(ProxyPump *pump, int error) = 0;
        /** The direction's limit-data passed. */
        virtual void limitReached(ProxyPump *pump) = 0;
    };

    ProxyPump(ProxyDirection direction, ProxySocket *source, ProxySocket *sink, Listener *listener,
              std::atomic<quint64> *bytesForwarded, FaultRandom random, QObject *parent = nullptr);
    ~ProxyPump() override;

    ProxyDirection direction() const { return m_direction; }
    FaultRandom *random() { return &m_random; }
    /** The codec's view of the bytes; none when nothing is decoded. */
    void setStage(std::unique_ptr<FrameStage> stage);
    /** @p plan stays valid until the next call (the connection keeps it). Applies to what comes next. */
    void setPlan(const DirectionPlan *plan);

    /** Starts reading the source. */
    void start();
    void onReadable();
    void onWritable();
    /** Drops everything queued and does no more I/O: the connection is ending otherwise. */
    void stop();

    /** Sends @p bytes on, after the byte-level faults. */
    void forward(QByteArrayView bytes);
    /** Sends @p bytes on @p delayMsecs from now; what comes meanwhile overtakes them. */
    void hold(const QByteArray &bytes, qint64 delayMsecs);

    qint64 bytesWaiting() const { return m_queuedBytes + m_heldBytes; }
    bool endPassed() const { return m_endPassed; }

private:
    struct Segment
    {
        QByteArray bytes;
        qsizetype offset = 0; ///< written so far
        qint64 due = 0;       ///< not before (monotonic ns)
    };
    struct Held
    {
        QByteArray bytes;
        qint64 releaseAt = 0;
    };

    void sourceEnd(bool reset);
    /** Writes what is due; arms the timer for what is not. */
    void flush();
    /** How much of @p wanted may be written now under slicing and bandwidth; 0 with @p wakeAt set if none. */
    qint64 allowance(qint64 wanted, qint64 now, qint64 *wakeAt);
    void account(qint64 written, qint64 now);
    /** When bytes that arrived @p now may leave: latency ± jitter, never before those queued earlier. */
    qint64 dueFrom(qint64 now);
    void releaseHeld(qint64 now);
    void passEnd();
    void onTimer();
    void armTimer(qint64 at);
    void updateReading();

    const ProxyDirection m_direction;
    ProxySocket *const m_source;
    ProxySocket *const m_sink;
    Listener *const m_listener;
    std::atomic<quint64> *const m_bytesForwarded;
    FaultRandom m_random;
    std::unique_ptr<FrameStage> m_stage;
    const DirectionPlan *m_plan = nullptr;
    DueTimer *m_timer = nullptr; ///< made when a fault first needs one
    std::deque<Segment> m_queue;
    std::deque<Held> m_held;     ///< by release time
    qint64 m_queuedBytes = 0;
    qint64 m_heldBytes = 0;
    qint64 m_lastDue = 0;        ///< keeps jittered reads in order
    qint64 m_passed = 0;         ///< bytes written to the sink
    qint64 m_nextWriteAt = 0;    ///< a slice's pause
    double m_tokens = 0;         ///< bandwidth: bytes that may be written now
    qint64 m_tokensAt = -1;
    qint64 m_endDueAt = -1;      ///< slow close: when the end may pass
    bool m_reading = false;
    bool m_readPaused = false;   ///< past highWater, until lowWater
    bool m_sourceEnded = false;
    bool m_sourceReset = false;
    bool m_endPassed = false;
    bool m_stopped = false;
    bool m_flushing = false;
};

} // namespace wirebench
