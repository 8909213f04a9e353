#include "timerqueue.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QVarLengthArray>

#include <algorithm>

namespace netcore {

using namespace std::chrono;

void TimerQueue::add(int timerId, qint64 interval, Qt::TimerType type, QObject *object)
{
    remove(timerId); // a stale entry would otherwise linger in m_queue
    Timer timer;
    timer.object = object;
    timer.interval = std::max<qint64>(0, interval);
    timer.type = type;
    if (type == Qt::VeryCoarseTimer && timer.interval > 0) {
        // Whole seconds let the thread sleep longer; never round a running timer down to zero.
        timer.step = seconds(std::max<qint64>(1, (timer.interval + 500) / 1000));
    } else {
        timer.step = milliseconds(timer.interval);
    }
    Timer &stored = m_timers.emplace(timerId, timer).first->second;
    stored.slot.timerId = timerId;
    schedule(stored, Clock::now() + stored.step);
}

bool TimerQueue::remove(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_queue.erase(it->second.slot);
    m_timers.erase(it);
    return true;
}

bool TimerQueue::removeAll(QObject *object)
{
    bool removed = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->second.object == object) {
            m_queue.erase(it->second.slot);
            it = m_timers.erase(it);
            removed = true;
        } else {
            ++it;
        }
    }
    return removed;
}

QList<QAbstractEventDispatcher::TimerInfo> TimerQueue::timersOf(QObject *object) const
{
    QList<QAbstractEventDispatcher::TimerInfo> timers;
    for (const auto &[timerId, timer] : m_timers) {
        if (timer.object == object)
            timers.append({timerId, int(timer.interval), timer.type});
    }
    return timers;
}

int TimerQueue::remainingTime(int timerId) const
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return -1;
    const Clock::duration left = it->second.slot.deadline - Clock::now();
    if (left <= Clock::duration::zero())
        return 0;
    // Rounded up: a timer that is not due yet never reports 0.
    return int(ceil<milliseconds>(left).count());
}

TimerQueue::Clock::duration TimerQueue::timeUntilNext(Clock::time_point now) const
{
    if (m_queue.empty())
        return Clock::duration::max();
    return std::max(Clock::duration::zero(), m_queue.begin()->deadline - now);
}

int TimerQueue::activateDue()
{
    if (m_queue.empty())
        return 0;
    const Clock::time_point now = Clock::now();
    // Decide up front what fires in this pass: whatever a timerEvent() starts
    // or restarts is due at the earliest in the next pass.
    QVarLengthArray<int, 32> due;
    for (const Slot &slot : m_queue) {
        if (slot.deadline > now)
            break;
        due.append(slot.timerId);
    }

    int activated = 0;
    for (const int timerId : due) {
        auto it = m_timers.find(timerId);
        if (it == m_timers.end() || it->second.slot.deadline > now)
            continue; // killed, or restarted, by an earlier timerEvent() of this pass
        Timer &timer = it->second;
        reschedule(timer, now);
        if (timer.step > Clock::duration::zero())
            ++activated; // zero timers alone must not keep processEvents() reporting work
        if (timer.inTimerEvent)
            continue; // its handler runs a nested loop: no recursion into it
        timer.inTimerEvent = true;
        QTimerEvent event(timerId);
        QCoreApplication::sendEvent(timer.object, &event);
        // The handler may have killed the timer (and the id may be reused): look it up again.
        it = m_timers.find(timerId);
        if (it != m_timers.end())
            it->second.inTimerEvent = false;
    }
    return activated;
}

void TimerQueue::schedule(Timer &timer, Clock::time_point deadline)
{
    timer.slot.deadline = deadline;
    timer.slot.sequence = m_nextSequence++;
    m_queue.insert(timer.slot);
}

void TimerQueue::reschedule(Timer &timer, Clock::time_point now)
{
    m_queue.erase(timer.slot);
    // Keep the cadence (deadline + step); after a stall, skip the missed beats instead of bursting.
    Clock::time_point next = timer.slot.deadline + timer.step;
    if (next < now)
        next = now + timer.step;
    schedule(timer, next);
}

} // namespace netcore
