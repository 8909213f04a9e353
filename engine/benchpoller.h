#pragma once

#include <engine/benchtypes.h>

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

namespace wirebench {

class Bench;

/**
 * Takes the bench's batches on a timer, in the thread it lives in, and
 * hands each one on (batchTaken()): the one consumer of Bench::takeBatch()
 * for a front end. However many messages a batch holds, a listener sees
 * one signal per tick.
 *
 * The bench is not owned; once it is gone the poller takes nothing.
 */
class BenchPoller : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(BenchPoller)

public:
    static constexpr int defaultHz = 30;

    /** Polls @p bench once started; @p bench is not owned. */
    explicit BenchPoller(Bench *bench, QObject *parent = nullptr);
    ~BenchPoller() override;

    /** Takes a batch @p hz times a second (clamped to 1..1000) from the next event loop turn. */
    void start(int hz = defaultHz);
    /** No batch is taken after this until start() or pollNow(). */
    void stop();
    /** Whether the timer runs (start() and no stop() since). */
    bool isRunning() const;

    /** Takes one batch now and hands it on (what each tick does). */
    void pollNow();

    /** Log entries the bench dropped because its batches were taken too slowly, since the poller was made. */
    quint64 droppedEntries() const { return m_droppedEntries; }

signals:
    /** A batch was taken: everything since the previous one, with the latest snapshots. */
    void batchTaken(const wirebench::TrafficBatch &batch);

private:
    QPointer<Bench> m_bench;
    QTimer m_timer; ///< a child, so it follows the poller to another thread
    quint64 m_droppedEntries = 0;
};

} // namespace wirebench
