#pragma once

#include "timerqueue.h"

#include <QtCore/QAbstractEventDispatcher>
#include <QtCore/QHash>
#include <QtCore/QVarLengthArray>

#include <atomic>
#include <memory>
#include <vector>

class QSocketNotifier;

namespace netcore {

/**
 * An event dispatcher for netcore's I/O threads whose cost per wake-up
 * follows the sockets that are ready, not the sockets that are open.
 *
 * Qt's stock dispatchers on Linux (glib and QEventDispatcherUNIX) hand every
 * enabled QSocketNotifier to poll() on every iteration: with thousands of
 * idle connections in a thread, one busy connection pays for all of them.
 * Here the notifiers live in an epoll set (level-triggered, as poll() is),
 * timers in a TimerQueue, and wake-ups from other threads arrive on an
 * eventfd.
 *
 * Behaves as QEventDispatcherUNIX does: posted events first, then socket
 * notifiers (EPOLLHUP and EPOLLERR activate every notifier of the
 * descriptor), then due timers. Descriptors epoll cannot watch (regular
 * files) are reported ready on every iteration, as poll() would.
 *
 * Install it with QThread::setEventDispatcher() before the thread starts;
 * the thread then owns and deletes it. Every method but wakeUp() and
 * interrupt() runs in that thread. One that could not get its descriptors
 * (the process ran out of them) is not isValid(), and must not be installed.
 */
class EpollEventDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    /** False if it could not create its epoll or event descriptor; errorString() says why. */
    bool isValid() const { return m_epollFd >= 0; }
    /** Why it is not valid; empty if it is. */
    QString errorString() const { return m_errorString; }

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    /** Thread-safe and async-signal-safe: an atomic flag and a write() to an eventfd. */
    void wakeUp() override;
    /**
     * True while this thread's EpollEventDispatcher is activating the notifiers
     * of a pass in which the kernel reported an error (EPOLLERR) on @p descriptor:
     * how a socket tells a reset from an orderly end after QAbstractSocket,
     * which reads both as "remote host closed", has closed the descriptor.
     * False in threads that run another dispatcher.
     */
    static bool isReportingErrorOn(qintptr descriptor);

    /** Thread-safe: the running (or next) processEvents() returns without waiting. */
    void interrupt() override;

private:
    /** The notifiers of one descriptor, indexed by QSocketNotifier::Type. */
    struct Watch
    {
        enum Mode { Unwatched, Epoll, AlwaysReady };
        QSocketNotifier *notifiers[3] = {nullptr, nullptr, nullptr};
        Mode mode = Unwatched; ///< AlwaysReady: epoll refused it (a regular file)
        quint32 applied = 0;   ///< the events the kernel watches now
        bool dirty = false;    ///< wanted events differ, to be applied before the next wait
    };
    /** What one pass found ready; no allocation per pass. */
    struct Pending
    {
        QVarLengthArray<QSocketNotifier *, 64> notifiers;
        QVarLengthArray<int, 4> errored; ///< descriptors reported with EPOLLERR (a reset, mostly)
    };

    void closeDescriptors();
    void updateEpoll(int fd, Watch &watch);
    static quint32 wantedEvents(const Watch &watch);
    void watchInKernel(int fd, Watch &watch, int op);
    /** Applies the interest changes made since the last wait, once each. */
    void applyDirtyWatches();
    /** Returns 1 if it consumed a wake-up; ready notifiers go to @p pending. */
    int wait(bool includeNotifiers, TimerQueue::Clock::duration timeout, Pending *pending);
    static void collect(const QHash<int, Watch> &watches, int fd, quint32 events, Pending *pending);
    int activate(Pending &pending);
    bool consumeWakeUp();

    int m_epollFd = -1;
    int m_wakeFd = -1;
    QString m_errorString;
    std::atomic<bool> m_wakeUpPending{false};  ///< an eventfd write is on its way: skip another
    std::atomic<bool> m_interrupted{false};
    QHash<int, Watch> m_watches;
    std::vector<int> m_alwaysReady;    ///< the descriptors of the AlwaysReady watches
    std::vector<int> m_dirty;          ///< descriptors whose Watch::dirty is set
    std::vector<Pending *> m_pending;  ///< activation lists of the processEvents() calls on the stack
    TimerQueue m_timers;
    static thread_local EpollEventDispatcher *t_running; ///< the dispatcher of this thread, once it ran
};

/**
 * The event dispatcher for a new I/O thread, to give it with
 * QThread::setEventDispatcher() before it starts: an EpollEventDispatcher in
 * @p dispatcher, or none (Qt's default dispatcher, which aborts the process
 * when it has no descriptors) if the environment variable
 * NETCORE_EVENT_DISPATCHER is "qt", to compare the two or to rule this one
 * out. False, with the reason in @p why, if the EpollEventDispatcher could
 * not get its descriptors.
 */
bool createIoEventDispatcher(std::unique_ptr<QAbstractEventDispatcher> *dispatcher, QString *why);

} // namespace netcore
