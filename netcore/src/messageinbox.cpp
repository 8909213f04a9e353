#include <netcore/messageinbox.h>

#include "inboxfeed.h"

#include <QtCore/QHash>
#include <QtCore/QMutex>
#include <QtCore/QMutexLocker>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>

namespace netcore {

class MessageInbox::Private
{
public:
    explicit Private(int capacity) : capacity(qMax(0, capacity)), enabled(this->capacity > 0) {}

    template <typename Queue, typename T> void appendBounded(Queue &queue, const T &value)
    {
        if (queue.size() >= size_t(capacity)) {
            queue.pop_front();
            ++dropped;
        }
        queue.push_back(value);
    }

    void push(const ReceivedMessage &received);
    void pushError(const Error &error);

    mutable QMutex mutex;
    /// Not QWaitCondition: its wait() unlocks the mutex inside Qt, where ThreadSanitizer cannot see it.
    std::condition_variable_any messageArrived;
    int capacity;
    std::atomic<bool> enabled;
    quint64 dropped = 0;
    std::deque<ReceivedMessage> messages;
    QHash<QString, std::deque<ReceivedMessage>> byChannel;
    QHash<QString, ReceivedMessage> latest;
    std::deque<Error> errors;
};

void MessageInbox::Private::push(const ReceivedMessage &received)
{
    if (enabled.load(std::memory_order_relaxed) == false)
        return; // the common case for signal users: no lock per message
    QMutexLocker lock(&mutex);
    if (capacity == 0)
        return;
    appendBounded(messages, received);
    const QString &channel = received.message.channel();
    if (latest.size() >= maxChannels && !latest.contains(channel)) {
        ++dropped; // a peer inventing channel names must not grow the tables without bound
    } else {
        appendBounded(byChannel[channel], received);
        latest.insert(channel, received);
    }
    messageArrived.notify_all();
}

void MessageInbox::Private::pushError(const Error &error)
{
    QMutexLocker lock(&mutex);
    if (capacity > 0)
        appendBounded(errors, error);
}

MessageInbox::MessageInbox(int capacity) : d(std::make_unique<Private>(capacity)) {}

MessageInbox::~MessageInbox() = default;

int MessageInbox::capacity() const
{
    QMutexLocker lock(&d->mutex);
    return d->capacity;
}

void MessageInbox::setCapacity(int capacity)
{
    QMutexLocker lock(&d->mutex);
    d->capacity = qMax(0, capacity);
    d->enabled = d->capacity > 0;
    auto trim = [this](auto &queue) {
        while (queue.size() > size_t(d->capacity)) {
            queue.pop_front();
            ++d->dropped;
        }
    };
    trim(d->messages);
    trim(d->errors);
    for (auto &values : d->byChannel)
        trim(values);
    if (d->capacity == 0) {
        d->byChannel.clear();
        d->latest.clear();
    }
}

QList<ReceivedMessage> MessageInbox::takeAll()
{
    QMutexLocker lock(&d->mutex);
    QList<ReceivedMessage> all(d->messages.begin(), d->messages.end());
    d->messages.clear();
    return all;
}

bool MessageInbox::waitAndTake(int msecs, ReceivedMessage *out)
{
    QMutexLocker lock(&d->mutex);
    const auto arrived = [this] { return !d->messages.empty(); };
    if (msecs < 0)
        d->messageArrived.wait(d->mutex, arrived);
    else if (!d->messageArrived.wait_for(d->mutex, std::chrono::milliseconds(msecs), arrived))
        return false;
    *out = std::move(d->messages.front());
    d->messages.pop_front();
    return true;
}

QList<ReceivedMessage> MessageInbox::takeChannel(const QString &channel)
{
    QMutexLocker lock(&d->mutex);
    const auto values = d->byChannel.take(channel);
    return QList<ReceivedMessage>(values.begin(), values.end());
}

bool MessageInbox::latest(const QString &channel, ReceivedMessage *out) const
{
    QMutexLocker lock(&d->mutex);
    const auto it = d->latest.constFind(channel);
    if (it == d->latest.cend())
        return false;
    *out = it.value();
    return true;
}

QList<Error> MessageInbox::takeErrors()
{
    QMutexLocker lock(&d->mutex);
    QList<Error> all(d->errors.begin(), d->errors.end());
    d->errors.clear();
    return all;
}

int MessageInbox::pendingCount() const
{
    QMutexLocker lock(&d->mutex);
    return int(d->messages.size());
}

quint64 MessageInbox::droppedCount() const
{
    QMutexLocker lock(&d->mutex);
    return d->dropped;
}

void MessageInbox::clear()
{
    QMutexLocker lock(&d->mutex);
    d->messages.clear();
    d->byChannel.clear();
    d->latest.clear();
    d->errors.clear();
}

void InboxFeed::push(MessageInbox &inbox, const ReceivedMessage &received) { inbox.d->push(received); }
void InboxFeed::pushError(MessageInbox &inbox, const Error &error) { inbox.d->pushError(error); }

} // namespace netcore
