#include "proxypump.h"

#include "duetimer.h"
#include "faultplan.h"
#include "framestage.h"
#include "proxysocket.h"

#include <algorithm>

namespace wirebench {

namespace {

constexpr qint64 readSize = 64 * 1024;
/** Reads per wake-up: enough to drain a burst, few enough that one busy connection leaves the others their turn. */
constexpr int readsPerWakeUp = 4;
constexpr qint64 nanosPerMsec = 1000000;
/** One per I/O thread: a read is written on from here, and copied only if the sink does not take it all. */
thread_local char t_readBuffer[readSize];

} // namespace

ProxyPump::ProxyPump(ProxyDirection direction, ProxySocket *source, ProxySocket *sink, Listener *listener,
                     std::atomic<quint64> *bytesForwarded, FaultRandom random, QObject *parent)
    : QObject(parent), m_direction(direction), m_source(source), m_sink(sink), m_listener(listener),
      m_bytesForwarded(bytesForwarded), m_random(random)
{
}

ProxyPump::~ProxyPump() = default;

void ProxyPump::setStage(std::unique_ptr<FrameStage> stage)
{
    m_stage = std::move(stage);
}

void ProxyPump::setPlan(const DirectionPlan *plan)
{
    m_plan = plan;
    if (plan->bytesPerSecond == 0)
        m_tokensAt = -1;
    if (plan->sliceDelayMicros == 0)
        m_nextWriteAt = 0;
    if (m_reading && !m_stopped) {
        updateReading();
        flush(); // a limit lifted lets what waited go now
    }
}

void ProxyPump::start()
{
    m_reading = true;
    updateReading();
}

void ProxyPump::stop()
{
    m_stopped = true;
    m_queue.clear();
    m_held.clear();
    m_queuedBytes = m_heldBytes = 0;
    if (m_timer)
        m_timer->cancel();
    m_source->setReadEnabled(false);
    m_sink->setWriteEnabled(false);
}

void ProxyPump::onReadable()
{
    if (m_stopped || m_sourceEnded)
        return;
    for (int i = 0; i < readsPerWakeUp; ++i) {
        const qint64 count = m_source->read(t_readBuffer, readSize);
        if (count == ProxySocket::WouldBlock)
            return;
        if (count == 0 || count == ProxySocket::Failed) {
            sourceEnd(count != 0);
            return;
        }
        if (m_plan->timeout)
            continue; // passes nothing: what comes is lost, as on a dead link
        const QByteArrayView bytes(t_readBuffer, count);
        if (m_stage)
            m_stage->feed(bytes, *m_plan);
        else
            forward(bytes);
        if (m_stopped || count < readSize || !m_source->isReadEnabled())
            return;
    }
}

void ProxyPump::onWritable()
{
    flush();
}

void ProxyPump::forward(QByteArrayView bytes)
{
    if (m_stopped || bytes.isEmpty())
        return;
    if (m_queue.empty() && m_plan->writesAtOnce()) {
        const qint64 written = m_sink->write(bytes.data(), bytes.size());
        if (written == ProxySocket::Failed) {
            m_listener->sinkFailed(this, m_sink->lastError());
            return;
        }
        const qint64 took = qMax<qint64>(written, 0);
        account(took, 0);
        if (took == bytes.size())
            return;
        m_queue.push_back({bytes.sliced(took).toByteArray(), 0, 0});
        m_queuedBytes += bytes.size() - took;
        m_sink->setWriteEnabled(true);
        updateReading();
        return;
    }
    m_queue.push_back({bytes.toByteArray(), 0, dueFrom(DueTimer::now())});
    m_queuedBytes += bytes.size();
    updateReading();
    flush();
}

void ProxyPump::hold(const QByteArray &bytes, qint64 delayMsecs)
{
    if (m_stopped)
        return;
    const qint64 releaseAt = DueTimer::now() + delayMsecs * nanosPerMsec;
    const auto later = std::upper_bound(m_held.begin(), m_held.end(), releaseAt,
                                        [](qint64 at, const Held &held) { return at < held.releaseAt; });
    m_held.insert(later, {bytes, releaseAt});
    m_heldBytes += bytes.size();
    updateReading();
    flush(); // arms the timer for the release
}

void ProxyPump::sourceEnd(bool reset)
{
    m_sourceEnded = true;
    m_sourceReset = reset;
    m_source->setReadEnabled(false);
    if (reset) { // an RST discards what was in flight, as the kernel does
        m_queue.clear();
        m_held.clear();
        m_queuedBytes = m_heldBytes = 0;
    } else if (m_stage) {
        m_stage->flush();
    }
    m_listener->sourceEnded(this, reset);
    flush(); // passes the end on once what is queued went
}

void ProxyPump::flush()
{
    if (m_flushing || m_stopped)
        return;
    m_flushing = true;
    const qint64 now = DueTimer::now();
    releaseHeld(now);
    qint64 wakeAt = -1;
    bool blocked = false;
    while (!m_queue.empty() && !m_stopped) {
        if (m_plan->limitBytes >= 0 && m_passed >= m_plan->limitBytes) {
            m_flushing = false;
            m_listener->limitReached(this);
            return;
        }
        Segment &segment = m_queue.front();
        if (segment.due > now) {
            wakeAt = segment.due;
            break;
        }
        const qint64 take = allowance(segment.bytes.size() - segment.offset, now, &wakeAt);
        if (take == 0)
            break;
        const qint64 written = m_sink->write(segment.bytes.constData() + segment.offset, take);
        if (written == ProxySocket::Failed) {
            m_flushing = false;
            m_listener->sinkFailed(this, m_sink->lastError());
            return;
        }
        if (written == ProxySocket::WouldBlock) {
            blocked = true;
            break;
        }
        segment.offset += written;
        m_queuedBytes -= written;
        account(written, now);
        if (segment.offset == segment.bytes.size())
            m_queue.pop_front();
        if (m_plan->limitBytes >= 0 && m_passed >= m_plan->limitBytes) {
            m_flushing = false;
            m_listener->limitReached(this);
            return;
        }
        if (written < take) {
            blocked = true;
            break;
        }
    }
    m_flushing = false;
    if (m_stopped)
        return;
    m_sink->setWriteEnabled(blocked);
    if (!m_held.empty())
        wakeAt = wakeAt < 0 ? m_held.front().releaseAt : qMin(wakeAt, m_held.front().releaseAt);
    if (wakeAt >= 0)
        armTimer(wakeAt);
    updateReading();
    if (m_queue.empty() && m_held.empty() && m_sourceEnded)
        passEnd();
}

qint64 ProxyPump::allowance(qint64 wanted, qint64 now, qint64 *wakeAt)
{
    qint64 take = wanted;
    if (m_plan->limitBytes >= 0)
        take = qMin(take, m_plan->limitBytes - m_passed);
    if (m_plan->sliceBytes > 0) {
        if (m_nextWriteAt > now) {
            *wakeAt = m_nextWriteAt;
            return 0;
        }
        take = qMin(take, m_plan->sliceBytes);
    }
    if (m_plan->bytesPerSecond > 0) {
        // A token bucket that holds 50 ms of the rate: writes of that size, spaced to the rate.
        const double rate = double(m_plan->bytesPerSecond);
        const double burst = qMax(rate / 20, 1.0);
        if (m_tokensAt < 0)
            m_tokensAt = now;
        m_tokens = qMin(burst, m_tokens + double(now - m_tokensAt) * rate / 1e9);
        m_tokensAt = now;
        const double need = qMin(double(take), burst);
        if (m_tokens < need) {
            *wakeAt = now + qint64((need - m_tokens) * 1e9 / rate) + 1;
            return 0;
        }
        take = qMin(take, qint64(m_tokens));
    }
    return take;
}

void ProxyPump::account(qint64 written, qint64 now)
{
    if (written <= 0)
        return;
    m_passed += written;
    m_bytesForwarded->fetch_add(quint64(written), std::memory_order_relaxed);
    if (m_plan->bytesPerSecond > 0)
        m_tokens -= double(written);
    if (m_plan->sliceBytes > 0 && m_plan->sliceDelayMicros > 0)
        m_nextWriteAt = now + m_plan->sliceDelayMicros * 1000;
}

qint64 ProxyPump::dueFrom(qint64 now)
{
    if (m_plan->latencyMsecs == 0 && m_plan->jitterMsecs == 0)
        return 0;
    const qint64 delay = qMax<qint64>(0, m_plan->latencyMsecs + m_random.spread(m_plan->jitterMsecs));
    m_lastDue = qMax(now + delay * nanosPerMsec, m_lastDue); // jitter never reorders
    return m_lastDue;
}

void ProxyPump::releaseHeld(qint64 now)
{
    while (!m_held.empty() && m_held.front().releaseAt <= now) {
        const QByteArray bytes = std::move(m_held.front().bytes);
        m_held.pop_front();
        m_heldBytes -= bytes.size();
        m_queue.push_back({bytes, 0, dueFrom(now)});
        m_queuedBytes += bytes.size();
    }
}

void ProxyPump::passEnd()
{
    if (m_endPassed || m_stopped)
        return;
    if (m_plan->timeout)
        return; // passes nothing, an end no more than data (as Toxiproxy's); it goes if the fault is lifted
    if (m_plan->slowCloseMsecs > 0) {
        const qint64 now = DueTimer::now();
        if (m_endDueAt < 0)
            m_endDueAt = now + m_plan->slowCloseMsecs * nanosPerMsec;
        if (now < m_endDueAt) {
            armTimer(m_endDueAt);
            return;
        }
    }
    m_endPassed = true;
    if (!m_sourceReset)
        m_sink->shutdownWrite();
    m_listener->endPassed(this, m_sourceReset);
}

void ProxyPump::onTimer()
{
    flush();
}

void ProxyPump::armTimer(qint64 at)
{
    if (!m_timer)
        m_timer = new DueTimer([this] { onTimer(); }, this);
    if (!m_timer->isArmed() || m_timer->armedAt() > at)
        m_timer->armAt(at);
}

void ProxyPump::updateReading()
{
    const qint64 waiting = bytesWaiting();
    if (waiting >= highWater)
        m_readPaused = true;
    else if (waiting <= lowWater)
        m_readPaused = false;
    m_source->setReadEnabled(m_reading && !m_readPaused && !m_sourceEnded && !m_stopped);
}

} // namespace wirebench
