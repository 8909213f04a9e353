#pragma once

#include <netcore/error.h>
#include <netcore/message.h>

#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QMutex>

#include <atomic>
#include <condition_variable>
#include <deque>

namespace netcore {

/**
 * Received messages and errors kept for polling, for programs that do not
 * use signals (the seeds' return_recved_data(), get(channel), get_ALL(channel),
 * return_exceptions()). Thread-safe.
 *
 * Bounded: each queue keeps at most capacity() entries; when full, the
 * oldest entry goes and droppedCount() grows, so a program that never polls
 * cannot grow memory without bound. Capacity 0 turns the inbox off.
 */
class NETCORE_EXPORT MessageInbox
{
public:
    static constexpr int defaultCapacity = 10000;
    /** Channels tracked for latest() and takeChannel(); values of further channels are dropped there. */
    static constexpr int maxChannels = 1024;

    explicit MessageInbox(int capacity = defaultCapacity);

    int capacity() const;
    void setCapacity(int capacity);

    void push(const ReceivedMessage &received);
    void pushError(const Error &error);

    /** Every queued message, oldest first; the queue is left empty. */
    QList<ReceivedMessage> takeAll();
    /** The oldest queued message, waiting up to @p msecs for one; false on timeout. */
    bool waitAndTake(int msecs, ReceivedMessage *out);
    /** Every queued value of @p channel, oldest first; those values are removed. */
    QList<ReceivedMessage> takeChannel(const QString &channel);
    /** The most recent message seen on @p channel (kept until clear()); false if none. */
    bool latest(const QString &channel, ReceivedMessage *out) const;
    /** Every queued error, oldest first; the list is left empty. */
    QList<Error> takeErrors();

    int pendingCount() const;
    /** Messages and errors dropped because a queue was full. */
    quint64 droppedCount() const;
    void clear();

private:
    template <typename Queue, typename T> void appendBounded(Queue &queue, const T &value);

    mutable QMutex m_mutex;
    /// Not QWaitCondition: its wait() unlocks m_mutex inside Qt, where ThreadSanitizer cannot see it.
    std::condition_variable_any m_messageArrived;
    int m_capacity;
    std::atomic<bool> m_enabled;
    quint64 m_dropped = 0;
    std::deque<ReceivedMessage> m_messages;
    QHash<QString, std::deque<ReceivedMessage>> m_byChannel;
    QHash<QString, ReceivedMessage> m_latest;
    std::deque<Error> m_errors;
};

} // namespace netcore
