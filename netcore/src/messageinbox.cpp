#include <netcore/messageinbox.h>

#include <QtCore/QMutexLocker>

#include <chrono>

namespace netcore {

MessageInbox::MessageInbox(int capacity) : m_capacity(qMax(0, capacity)), m_enabled(m_capacity > 0) {}

int MessageInbox::capacity() const
{
    QMutexLocker lock(&m_mutex);
    return m_capacity;
}

void MessageInbox::setCapacity(int capacity)
{
    QMutexLocker lock(&m_mutex);
    m_capacity = qMax(0, capacity);
    m_enabled = m_capacity > 0;
    auto trim = [this](auto &queue) {
        while (queue.size() > size_t(m_capacity)) {
            queue.pop_front();
            ++m_dropped;
        }
    };
    trim(m_messages);
    trim(m_errors);
    for (auto &values : m_byChannel)
        trim(values);
    if (m_capacity == 0) {
        m_byChannel.clear();
        m_latest.clear();
    }
}

template <typename Queue, typename T> void MessageInbox::appendBounded(Queue &queue, const T &value)
{
    if (queue.size() >= size_t(m_capacity)) {
        queue.pop_front();
        ++m_dropped;
    }
    queue.push_back(value);
}

void MessageInbox::push(const ReceivedMessage &received)
{
    if (m_enabled.load(std::memory_order_relaxed) == false)
        return; // the common case for signal users: no lock per message
    QMutexLocker lock(&m_mutex);
    if (m_capacity == 0)
        return;
    appendBounded(m_messages, received);
    const QString &channel = received.message.channel();
    if (m_latest.size() >= maxChannels && !m_latest.contains(channel)) {
        ++m_dropped; // a peer inventing channel names must not grow the tables without bound
    } else {
        appendBounded(m_byChannel[channel], received);
        m_latest.insert(channel, received);
    }
    m_messageArrived.notify_all();
}

void MessageInbox::pushError(const Error &error)
{
    QMutexLocker lock(&m_mutex);
    if (m_capacity > 0)
        appendBounded(m_errors, error);
}

QList<ReceivedMessage> MessageInbox::takeAll()
{
    QMutexLocker lock(&m_mutex);
    QList<ReceivedMessage> all(m_messages.begin(), m_messages.end());
    m_messages.clear();
    return all;
}

bool MessageInbox::waitAndTake(int msecs, ReceivedMessage *out)
{
    QMutexLocker lock(&m_mutex);
    const auto arrived = [this] { return !m_messages.empty(); };
    if (msecs < 0)
        m_messageArrived.wait(m_mutex, arrived);
    else if (!m_messageArrived.wait_for(m_mutex, std::chrono::milliseconds(msecs), arrived))
        return false;
    *out = std::move(m_messages.front());
    m_messages.pop_front();
    return true;
}

QList<ReceivedMessage> MessageInbox::takeChannel(const QString &channel)
{
    QMutexLocker lock(&m_mutex);
    const auto values = m_byChannel.take(channel);
    return QList<ReceivedMessage>(values.begin(), values.end());
}

bool MessageInbox::latest(const QString &channel, ReceivedMessage *out) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_latest.constFind(channel);
    if (it == m_latest.cend())
        return false;
    *out = it.value();
    return true;
}

QList<Error> MessageInbox::takeErrors()
{
    QMutexLocker lock(&m_mutex);
    QList<Error> all(m_errors.begin(), m_errors.end());
    m_errors.clear();
    return all;
}

int MessageInbox::pendingCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_messages.size());
}

quint64 MessageInbox::droppedCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_dropped;
}

void MessageInbox::clear()
{
    QMutexLocker lock(&m_mutex);
    m_messages.clear();
    m_byChannel.clear();
    m_latest.clear();
    m_errors.clear();
}

} // namespace netcore
