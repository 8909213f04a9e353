#pragma once

#include <QtCore/QObject>

#include <functional>

class QSocketNotifier;

namespace wirebench {

/**
 * A one-shot timer to the microsecond, on a timerfd: QTimer counts in
 * milliseconds, and a slice's pause or a bandwidth's next write is often
 * shorter. Times are CLOCK_MONOTONIC nanoseconds (now()). Lives in one
 * thread; the descriptor is made on the first arm().
 */
class DueTimer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(DueTimer)

public:
    explicit DueTimer(std::function<void()> fire, QObject *parent = nullptr);
    ~DueTimer() override;

    static qint64 now();

    /** Fires once at @p dueNanos (at once if it passed), replacing an earlier arm(). */
    void armAt(qint64 dueNanos);
    void cancel();
    bool isArmed() const { return m_armedAt >= 0; }
    qint64 armedAt() const { return m_armedAt; }

private:
    void onReadable();

    std::function<void()> m_fire;
    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    qint64 m_armedAt = -1;
};

} // namespace wirebench
