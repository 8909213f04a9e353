#pragma once

#include <QtCore/QHash>
#include <QtQml/QJSValue>

#include <chrono>
#include <map>
#include <vector>

namespace wirebench {

/**
 * The timers a script set with conn.after(), by deadline; those of one
 * connection go when it ends. Lives in the script's thread.
 */
class ScriptTimers
{
public:
    using Clock = std::chrono::steady_clock;

    /** More would be a script that sets timers in a loop: refused. */
    static constexpr qsizetype maxTimers = 100000;

    struct Timer
    {
        quint64 connection = 0;
        QJSValue callback;
    };

    /** False past maxTimers. */
    bool add(quint64 connection, qint64 msecs, const QJSValue &callback);
    /** Drops every timer of @p connection. */
    void cancel(quint64 connection);
    /** When the next one is due; Clock::time_point::max() when none is. */
    Clock::time_point next() const;
    /** The timers due at @p now, earliest first (equal deadlines in the order they were set). */
    std::vector<Timer> takeDue(Clock::time_point now);
    void clear();

private:
    std::multimap<Clock::time_point, Timer> m_timers;
    QHash<quint64, qsizetype> m_perConnection; ///< so that a connection with none is cancelled with no scan
};

} // namespace wirebench
