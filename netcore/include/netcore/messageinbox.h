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
    /** The constructor's default capacity (a Client's inbox holds 1024, a Server's 0: off). */
    static constexpr int defaultCapacity = 10000;
    /** Channels tracked for latest() and takeChannel(); values of further channels are dropped there. */
    static constexpr int maxChannels = 1024;

    /** An inbox of @p capacity; 0: off. */
    explicit MessageInbox(int capacity = defaultCapacity);

    /** The bound of each queue (messages, each channel's values, errors); 0: off. */
    int capacity() const;
    /** Applies at once: entries over the bound go, oldest first (counted as dropped); 0 also forgets latest(). */
    void setCapacity(int capacity);

    /** Queues @p received in the queue and its channel's (Server and Client call it); ignored when off. */
    void push(const ReceivedMessage &received);
    /** Queues @p error for takeErrors(); ignored when off. */
    void pushError(const Error &error);

    /** Every queued message, oldest first; the queue is left empty. */
    QList<ReceivedMessage> takeAll();
    /** The oldest queued message, waiting up to @p msecs (-1: no limit) for one; false on timeout. */
    bool waitAndTake(int msecs, ReceivedMessage *out);
    /** Every queued value of @p channel, oldest first, removed (a queue of its own, apart from takeAll()'s). */
    QList<ReceivedMessage> takeChannel(const QString &channel);
    /** The most recent message seen on @p channel (kept until clear()); false if none. */
    bool latest(const QString &channel, ReceivedMessage *out) const;
    /** Every queued error, oldest first; the list is left empty. */
    QList<Error> takeErrors();

    /** Messages waiting for takeAll() or waitAndTake(). */
    int pendingCount() const;
    /** Messages and errors dropped because a queue was full. */
    quint64 droppedCount() const;
    /** Empties every queue and forgets latest(); droppedCount() stays. */
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
