#include "duetimer.h"

#include <QtCore/QSocketNotifier>

#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

namespace wirebench {

DueTimer::DueTimer(std::function<void()> fire, QObject *parent) : QObject(parent), m_fire(std::move(fire)) {}

DueTimer::~DueTimer()
{
    delete m_notifier;
    if (m_fd >= 0)
        ::close(m_fd);
}

qint64 DueTimer::now()
{
    timespec time{};
    clock_gettime(CLOCK_MONOTONIC, &time);
    return qint64(time.tv_sec) * 1000000000 + time.tv_nsec;
}

void DueTimer::armAt(qint64 dueNanos)
{
    if (m_fd < 0) {
        m_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
        if (m_fd < 0)
            qFatal("DueTimer: timerfd_create failed: the process is out of descriptors");
        m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read);
        connect(m_notifier, &QSocketNotifier::activated, this, &DueTimer::onReadable);
    }
    // 0 would disarm: a time already past fires one nanosecond into the clock instead.
    const qint64 due = qMax<qint64>(dueNanos, 1);
    itimerspec spec{};
    spec.it_value.tv_sec = due / 1000000000;
    spec.it_value.tv_nsec = due % 1000000000;
    timerfd_settime(m_fd, TFD_TIMER_ABSTIME, &spec, nullptr);
    m_armedAt = dueNanos;
}

void DueTimer::cancel()
{
    if (m_fd >= 0 && m_armedAt >= 0) {
        itimerspec spec{};
        timerfd_settime(m_fd, TFD_TIMER_ABSTIME, &spec, nullptr);
    }
    m_armedAt = -1;
}

void DueTimer::onReadable()
{
    quint64 expirations = 0;
    if (::read(m_fd, &expirations, sizeof expirations) != sizeof expirations)
        return; // re-armed or cancelled since it fired: nothing is due
    m_armedAt = -1;
    m_fire();
}

} // namespace wirebench

