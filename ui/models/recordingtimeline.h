#pragma once

#include <engine/benchtypes.h>
#include <engine/recording/recording.h>

#include <QtCore/QCoreApplication>

#include <functional>

namespace wirebench {

/**
 * A recording as the window's models take a bench's traffic, on the
 * recording's own time line (its "started" plus each event's t_us): its
 * messages as log rows (c2s and s2c, at "#conn peer"), its connects, ends
 * and errors as events, and the per-channel counters step by step for the
 * charts (c2s counted in, s2c out, as a proxy counts them).
 */
class RecordingTimeline
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::RecordingTimeline)

public:
    explicit RecordingTimeline(const Recording &recording);

    const QList<LogEntry> &entries() const { return m_entries; }
    const QList<BenchEvent> &events() const { return m_events; }
    /** How many conversations it holds. */
    int conversations() const { return m_conversations; }

    /**
     * Calls @p visit with the cumulative counters of every channel as of each @p stepMsecs of the
     * recording, from the first step to one past its last event, and the time of that step (ms since
     * it started).
     */
    void forEachStep(int stepMsecs,
                     const std::function<void(qint64 msecs, const QHash<QString, ChannelStats> &channels)> &visit) const;

private:
    QList<LogEntry> m_entries;
    QList<BenchEvent> m_events;
    QList<qint64> m_entryMsecs; ///< each entry's time since the start, ms
    int m_conversations = 0;
};

} // namespace wirebench
