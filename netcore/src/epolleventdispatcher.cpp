#include "epolleventdispatcher.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QSocketNotifier>
#include <QtCore/QThread>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <memory>

#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace netcore {

thread_local EpollEventDispatcher *EpollEventDispatcher::t_running = nullptr;

namespace {

using Clock = TimerQueue::Clock;

// Ready descriptors taken per wait; more stay ready (level-triggered) and the kernel rotates them.
constexpr int maxEventsPerWait = 256;

// What wakes each QSocketNotifier::Type. A hang-up or an error wakes every
// notifier of the descriptor, as poll() does in QEventDispatcherUNIX: each
// then finds out for itself (a read of 0, a failed write).
constexpr quint32 activatingEvents[3] = {
    EPOLLIN | EPOLLHUP | EPOLLERR,  // Read
    EPOLLOUT | EPOLLHUP | EPOLLERR, // Write
    EPOLLPRI | EPOLLHUP | EPOLLERR, // Exception
};
constexpr quint32 interestEvents[3] = {EPOLLIN, EPOLLOUT, EPOLLPRI};
const char *const typeNames[3] = {"Read", "Write", "Exception"};

timespec toTimespec(Clock::duration timeout)
{
    const auto whole = std::chrono::duration_cast<std::chrono::seconds>(timeout);
    const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(timeout - whole);
    return {time_t(whole.count()), long(nanos.count())};
}

/** epoll_wait() with the timers' nanosecond deadline when the kernel offers epoll_pwait2(). */
int waitForEvents(int epollFd, epoll_event *events, Clock::duration timeout)
{
    if (timeout == Clock::duration::max())
        return ::epoll_wait(epollFd, events, maxEventsPerWait, -1);
    static std::atomic<bool> nanosecondWait{true};
    if (nanosecondWait.load(std::memory_order_relaxed)) {
        const timespec deadline = toTimespec(timeout);
        const int ready = ::epoll_pwait2(epollFd, events, maxEventsPerWait, &deadline, nullptr);
        if (ready >= 0 || (errno != ENOSYS && errno != EPERM))
            return ready;
        nanosecondWait.store(false, std::memory_order_relaxed); // older kernel, or a seccomp filter
    }
    // Rounded up: waking before the deadline would only spin.
    const auto msecs = std::chrono::ceil<std::chrono::milliseconds>(timeout).count();
    return ::epoll_wait(epollFd, events, maxEventsPerWait, int(std::min<qint64>(msecs, INT_MAX)));
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent) : QAbstractEventDispatcher(parent)
{
    // Out of descriptors is a condition a server reports (listen() fails), not a reason to abort.
    m_epollFd = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epollFd < 0) {
        m_errorString = tr("cannot create an epoll descriptor: %1").arg(qt_error_string(errno));
        return;
    }
    m_wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_wakeFd < 0) {
        m_errorString = tr("cannot create an event descriptor: %1").arg(qt_error_string(errno));
        closeDescriptors();
        return;
    }
    epoll_event event = {};
    event.events = EPOLLIN;
    event.data.fd = m_wakeFd;
    if (::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_wakeFd, &event) != 0) {
        m_errorString = tr("cannot watch its event descriptor: %1").arg(qt_error_string(errno));
        closeDescriptors();
    }
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    closeDescriptors();
}

void EpollEventDispatcher::closeDescriptors()
{
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
    if (m_epollFd >= 0)
        ::close(m_epollFd);
    m_wakeFd = -1;
    m_epollFd = -1;
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false, std::memory_order_relaxed);
    Q_EMIT awake();
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !flags.testFlag(QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !flags.testFlag(QEventLoop::ExcludeSocketNotifiers);
    const bool canWait = flags.testFlag(QEventLoop::WaitForMoreEvents)
        && !m_interrupted.load(std::memory_order_acquire);
    if (canWait)
        Q_EMIT aboutToBlock();
    if (m_interrupted.load(std::memory_order_acquire))
        return false;

    // Events posted from now on are announced by wakeUp(), so waiting cannot miss one.
    Clock::duration timeout = Clock::duration::zero();
    if (canWait && !(includeNotifiers && !m_alwaysReady.empty()))
        timeout = includeTimers ? m_timers.timeUntilNext(Clock::now()) : Clock::duration::max();

    t_running = this;
    Pending pending;
    m_pending.push_back(&pending);
    int processed = wait(includeNotifiers, timeout, &pending);
    processed += activate(pending);
    m_pending.erase(std::find(m_pending.begin(), m_pending.end(), &pending));
    if (includeTimers)
        processed += m_timers.activateDue();
    return processed > 0;
}

int EpollEventDispatcher::wait(bool includeNotifiers, Clock::duration timeout, Pending *pending)
{
    if (!includeNotifiers) {
        // Only a wake-up or a timer may end this wait: the sockets stay ready for later.
        pollfd wake = {m_wakeFd, POLLIN, 0};
        const timespec deadline = toTimespec(timeout);
        const bool untilWoken = timeout == Clock::duration::max();
        const int ready = ::ppoll(&wake, 1, untilWoken ? nullptr : &deadline, nullptr);
        return ready > 0 && consumeWakeUp() ? 1 : 0;
    }

    applyDirtyWatches();
    epoll_event events[maxEventsPerWait];
    const int ready = waitForEvents(m_epollFd, events, timeout);
    if (ready < 0 && errno != EINTR)
        qErrnoWarning("netcore::EpollEventDispatcher: epoll_wait");
    int woken = 0;
    for (int i = 0; i < ready; ++i) {
        if (events[i].data.fd == m_wakeFd)
            woken += consumeWakeUp() ? 1 : 0;
        else
            collect(m_watches, events[i].data.fd, events[i].events, pending);
    }
    for (const int fd : m_alwaysReady)
        collect(m_watches, fd, EPOLLIN | EPOLLOUT, pending); // what poll() says of a regular file
    return woken;
}

void EpollEventDispatcher::collect(const QHash<int, Watch> &watches, int fd, quint32 events, Pending *pending)
{
    const auto it = watches.constFind(fd);
    if (it == watches.cend())
        return; // unregistered since the kernel reported it
    for (int type = 0; type < 3; ++type) {
        if (it->notifiers[type] && (events & activatingEvents[type]))
            pending->notifiers.push_back(it->notifiers[type]);
    }
    if (events & EPOLLERR)
        pending->errored.push_back(fd);
}

bool EpollEventDispatcher::isReportingErrorOn(qintptr descriptor)
{
    if (!t_running)
        return false;
    for (const Pending *pending : t_running->m_pending) {
        if (std::find(pending->errored.begin(), pending->errored.end(), int(descriptor)) != pending->errored.end())
            return true;
    }
    return false;
}

int EpollEventDispatcher::activate(Pending &pending)
{
    int activated = 0;
    // By index: a handler may run a nested loop or unregister notifiers, which nulls their entries here.
    for (qsizetype i = 0; i < pending.notifiers.size(); ++i) {
        QSocketNotifier *notifier = pending.notifiers[i];
        if (!notifier)
            continue;
        pending.notifiers[i] = nullptr;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(notifier, &event);
        ++activated;
    }
    return activated;
}

bool EpollEventDispatcher::consumeWakeUp()
{
    eventfd_t count = 0;
    ::eventfd_read(m_wakeFd, &count);
    // Cleared after the read: a wakeUp() in between skipped its write, but
    // what it announced was posted before it and is seen by the next pass.
    return m_wakeUpPending.exchange(false, std::memory_order_acq_rel);
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    Q_ASSERT(notifier);
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    if (fd < 0 || type < 0 || type > 2) {
        qWarning("netcore::EpollEventDispatcher: invalid socket notifier (socket %d)", fd);
        return;
    }
    Watch &watch = m_watches[fd];
    if (watch.notifiers[type] && watch.notifiers[type] != notifier)
        qWarning("QSocketNotifier: Multiple socket notifiers for same socket %d and type %s", fd,
                 typeNames[type]);
    watch.notifiers[type] = notifier;
    updateEpoll(fd, watch);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    Q_ASSERT(notifier);
    for (Pending *pending : m_pending)
        std::replace(pending->notifiers.begin(), pending->notifiers.end(), notifier,
                     static_cast<QSocketNotifier *>(nullptr));
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    const auto it = m_watches.find(fd);
    if (it == m_watches.end() || type < 0 || type > 2 || it->notifiers[type] != notifier)
        return;
    it->notifiers[type] = nullptr;
    if (it->notifiers[0] || it->notifiers[1] || it->notifiers[2]) {
        updateEpoll(fd, *it);
        return;
    }
    if (it->mode == Watch::Epoll) {
        // ENOENT/EBADF: the descriptor was closed before its notifier went; the kernel already forgot it.
        if (::epoll_ctl(m_epollFd, EPOLL_CTL_DEL, fd, nullptr) != 0 && errno != ENOENT && errno != EBADF)
            qErrnoWarning("netcore::EpollEventDispatcher: epoll_ctl(DEL, %d)", fd);
    } else if (it->mode == Watch::AlwaysReady) {
        m_alwaysReady.erase(std::find(m_alwaysReady.begin(), m_alwaysReady.end(), fd));
    }
    m_watches.erase(it);
}

quint32 EpollEventDispatcher::wantedEvents(const Watch &watch)
{
    quint32 events = 0;
    for (int type = 0; type < 3; ++type) {
        if (watch.notifiers[type])
            events |= interestEvents[type];
    }
    return events;
}

void EpollEventDispatcher::updateEpoll(int fd, Watch &watch)
{
    if (watch.mode == Watch::AlwaysReady)
        return;
    if (watch.mode == Watch::Unwatched) {
        watchInKernel(fd, watch, EPOLL_CTL_ADD); // at once: epoll may refuse it (a regular file)
        return;
    }
    // QTcpSocket turns write interest on and off around every reply; most of
    // those changes cancel out before the next wait, so apply them lazily.
    if (!watch.dirty && wantedEvents(watch) != watch.applied) {
        watch.dirty = true;
        m_dirty.push_back(fd);
    }
}

void EpollEventDispatcher::applyDirtyWatches()
{
    for (int fd : m_dirty) {
        const auto it = m_watches.find(fd);
        if (it == m_watches.end() || !it->dirty)
            continue; // unwatched (and maybe watched anew) since
        it->dirty = false;
        if (it->mode == Watch::Epoll && wantedEvents(*it) != it->applied)
            watchInKernel(fd, *it, EPOLL_CTL_MOD);
    }
    m_dirty.clear();
}

void EpollEventDispatcher::watchInKernel(int fd, Watch &watch, int op)
{
    epoll_event event = {};
    event.data.fd = fd;
    event.events = wantedEvents(watch);
    if (::epoll_ctl(m_epollFd, op, fd, &event) != 0) {
        // The descriptor number was closed and reused behind our back (ENOENT), or is
        // still in the set from such a life (EEXIST): the other operation fixes it.
        if (errno == ENOENT || errno == EEXIST) {
            op = op == EPOLL_CTL_MOD ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
            if (::epoll_ctl(m_epollFd, op, fd, &event) == 0) {
                watch.mode = Watch::Epoll;
                watch.applied = event.events;
                return;
            }
        }
        if (errno == EPERM) {
            watch.mode = Watch::AlwaysReady; // epoll refuses regular files; poll() calls them ready
            m_alwaysReady.push_back(fd);
        } else {
            qErrnoWarning("netcore::EpollEventDispatcher: cannot watch socket %d", fd);
        }
        return;
    }
    watch.mode = Watch::Epoll;
    watch.applied = event.events;
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    if (timerId < 1 || interval < 0 || !object) {
        qWarning("netcore::EpollEventDispatcher::registerTimer: invalid arguments");
        return;
    }
    m_timers.add(timerId, interval, timerType, object);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    return m_timers.remove(timerId);
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    return m_timers.removeAll(object);
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    return m_timers.timersOf(object);
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    return m_timers.remainingTime(timerId);
}

void EpollEventDispatcher::wakeUp()
{
    // One write per wake-up, however many threads post meanwhile.
    if (!m_wakeUpPending.exchange(true, std::memory_order_acq_rel))
        ::eventfd_write(m_wakeFd, 1);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true, std::memory_order_release);
    wakeUp();
}

bool createIoEventDispatcher(std::unique_ptr<QAbstractEventDispatcher> *dispatcher, QString *why)
{
    dispatcher->reset();
    if (qEnvironmentVariable("NETCORE_EVENT_DISPATCHER") == QLatin1String("qt"))
        return true;
    auto epoll = std::make_unique<EpollEventDispatcher>();
    if (!epoll->isValid()) {
        *why = epoll->errorString();
        return false;
    }
    *dispatcher = std::move(epoll);
    return true;
}

} // namespace netcore
