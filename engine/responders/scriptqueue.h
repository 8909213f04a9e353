#pragma once

#include <netcore/message.h>

#include <QtCore/QString>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

namespace wirebench {

class ResponderOutlet;

/** One thing a script is told about, in the order the server saw it. */
struct ScriptEvent
{
    enum class Kind { Connected, Received, Disconnected };

    Kind kind = Kind::Received;
    ResponderOutlet *outlet = nullptr;
    quint64 connection = 0;
    netcore::Message message; ///< Received only: an owning copy
    QString text;             ///< the peer ("HOST:PORT") when Connected, the reason when Disconnected
};

/**
 * What the netcore I/O threads hand the script thread: events in arrival
 * order, taken in batches (one wake-up per batch, not per message).
 * Messages count against a bound until the script has handled them; past
 * it a message is refused rather than memory grown. Connects and
 * disconnects are never refused: the script must see every connection end.
 * Thread-safe.
 */
class ScriptQueue
{
public:
    using Clock = std::chrono::steady_clock;

    static constexpr qsizetype defaultMaxMessages = 64 * 1024;
    static constexpr qint64 defaultMaxBytes = 64 * 1024 * 1024;

    explicit ScriptQueue(qsizetype maxMessages = defaultMaxMessages, qint64 maxBytes = defaultMaxBytes)
        : m_maxMessages(maxMessages), m_maxBytes(maxBytes)
    {
    }
    Q_DISABLE_COPY(ScriptQueue)

    enum class Pushed { Queued, Refused, FirstRefused };

    /**
     * Refused (nothing queued) when a message would pass the bound, or after stop();
     * FirstRefused for the first refusal since takeRefused().
     */
    Pushed push(ScriptEvent &&event);
    /**
     * Waits until there are events, @p until passes or stop(); moves every queued event into
     * @p batch (which should be empty). False once stopped.
     */
    bool take(std::vector<ScriptEvent> *batch, Clock::time_point until);
    /** The script is done with @p batch: its messages stop counting against the bound. */
    void release(const std::vector<ScriptEvent> &batch);
    /** Refuses what comes from now on and wakes take(). */
    void stop();

    /** Messages refused since the last call (for one report per overflow, not one per message). */
    qint64 takeRefused();
    qsizetype maxMessages() const { return m_maxMessages; }
    qint64 maxBytes() const { return m_maxBytes; }

private:
    static qint64 weight(const ScriptEvent &event);

    const qsizetype m_maxMessages;
    const qint64 m_maxBytes;
    std::mutex m_mutex;
    std::condition_variable m_arrived;
    std::vector<ScriptEvent> m_events;
    qsizetype m_messages = 0; ///< queued or in a batch not yet released
    qint64 m_bytes = 0;
    qint64 m_refused = 0;
    bool m_waiting = false;   ///< take() sleeps: only then does a push pay for a notify
    bool m_stopped = false;
};

} // namespace wirebench
