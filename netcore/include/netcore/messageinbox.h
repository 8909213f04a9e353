#pragma once

#include <netcore/error.h>
#include <netcore/message.h>

#include <QtCore/QList>

#include <memory>

namespace netcore {

class InboxFeed;

/**
 * What a Server or Client received, kept for programs that poll instead of
 * connecting signals: the messages in arrival order, each channel's queued
 * values and latest value, and the errors. The Server or Client fills it;
 * any thread may take from it.
 *
 * Bounded: each queue keeps at most capacity() entries; when full, the
 * oldest entry goes and droppedCount() grows, so a program that never polls
 * cannot grow memory without bound. Capacity 0 turns the inbox off.
 */
class NETCORE_EXPORT MessageInbox
{
    Q_DISABLE_COPY(MessageInbox)

public:
    /** The constructor's default capacity (a Client's inbox holds 1024, a Server's 0: off). */
    static constexpr int defaultCapacity = 10000;
    /** Channels tracked for latest() and takeChannel(); values of further channels are dropped there. */
    static constexpr int maxChannels = 1024;

    /** An inbox of @p capacity; 0: off. */
    explicit MessageInbox(int capacity = defaultCapacity);
    ~MessageInbox();

    /** The bound of each queue (messages, each channel's values, errors); 0: off. */
    int capacity() const;
    /** Applies at once: entries over the bound go, oldest first (counted as dropped); 0 also forgets latest(). */
    void setCapacity(int capacity);

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
    friend class InboxFeed; // how Server and Client fill it; not part of the API
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace netcore
