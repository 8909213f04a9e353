#pragma once

#include <QtCore/QAbstractEventDispatcher>
#include <QtCore/QList>

#include <chrono>
#include <set>
#include <unordered_map>

class QObject;

namespace netcore {

/**
 * The timers of one event dispatcher, ordered by deadline on the monotonic
 * clock: finding the next deadline is O(1), (un)registering O(log n).
 *
 * Every method runs in the dispatcher's thread. activateDue() sends the
 * QTimerEvents itself and may be re-entered from a timerEvent() that runs a
 * nested event loop; timers may be killed or restarted from anywhere in
 * between, their own timerEvent() included.
 *
 * CoarseTimer is kept as precise as PreciseTimer; VeryCoarseTimer intervals
 * are rounded to whole seconds, as Qt's own dispatchers do.
 */
class TimerQueue
{
public:
    using Clock = std::chrono::steady_clock;

    TimerQueue() = default;
    TimerQueue(const TimerQueue &) = delete;
    TimerQueue &operator=(const TimerQueue &) = delete;

    /** A repeating timer whose first deadline is now + @p interval (ms). */
    void add(int timerId, qint64 interval, Qt::TimerType type, QObject *object);
    bool remove(int timerId);
    /** Removes every timer of @p object; false if it had none. */
    bool removeAll(QObject *object);
    QList<QAbstractEventDispatcher::TimerInfo> timersOf(QObject *object) const;
    /** Milliseconds until @p timerId is due (0 if overdue), -1 if there is no such timer. */
    int remainingTime(int timerId) const;
    bool isEmpty() const { return m_timers.empty(); }

    /**
     * Time until the nearest deadline; zero if one is due,
     * Clock::duration::max() if there is no timer.
     */
    Clock::duration timeUntilNext(Clock::time_point now) const;

    /**
     * Sends a QTimerEvent for each timer due now, each at most once per
     * call, so that zero-interval timers cannot starve the rest of the loop;
     * a timer whose timerEvent() is still running (a nested loop) is
     * skipped. Returns the number of non-zero-interval timers activated.
     */
    int activateDue();

private:
    struct Slot
    {
        Clock::time_point deadline;
        quint64 sequence = 0; ///< equal deadlines fire in the order they were set
        int timerId = 0;
        friend bool operator<(const Slot &a, const Slot &b)
        {
            return a.deadline != b.deadline ? a.deadline < b.deadline : a.sequence < b.sequence;
        }
    };
    struct Timer
    {
        QObject *object = nullptr;
        qint64 interval = 0;           ///< as registered, in ms: what timersOf() reports
        Clock::duration step{};        ///< the interval actually kept between deadlines
        Qt::TimerType type = Qt::CoarseTimer;
        Slot slot;
        bool inTimerEvent = false;     ///< its timerEvent() is on the stack
    };

    void schedule(Timer &timer, Clock::time_point deadline);
    void reschedule(Timer &timer, Clock::time_point now);

    std::unordered_map<int, Timer> m_timers;
    std::set<Slot> m_queue;
    quint64 m_nextSequence = 0;
};

} // namespace netcore
