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

    explicit BenchPoller(Bench *bench, QObject *parent = nullptr);
    ~BenchPoller() override;

    /** Takes a batch @p hz times a second (clamped to 1..1000) from the next event loop turn. */
    void start(int hz = defaultHz);
    void stop();
    bool isRunning() const;

    /** Takes one batch now and hands it on (what each tick does). */
    void pollNow();

    /** Log entries the bench dropped because its batches were taken too slowly, since the poller was made. */
    quint64 droppedEntries() const { return m_droppedEntries; }

signals:
    void batchTaken(const wirebench::TrafficBatch &batch);

private:
    QPointer<Bench> m_bench;
    QTimer m_timer;
    quint64 m_droppedEntries = 0;
};

} // namespace wirebench
