#pragma once

#include <netcore/codec.h>

#include <QtCore/QList>

#include <atomic>

namespace netcore {

/**
 * Bounds what one I/O thread has decoded for the server's thread and that
 * thread has not taken yet (messageReceived() and the inbox). Past the bound
 * the worker's connections stop reading: the peers' bytes wait in the kernel
 * and TCP pushes back on them, as it does for output (OutputLimits). So a
 * server's thread that delivers slower than its peers send holds a bounded
 * backlog, and its other events (timers, signals, a close()) never wait
 * behind more than that.
 *
 * Thread-safe: handOver() and waitForRoom() run in the worker's thread,
 * take() in the server's.
 */
class DeliveryGate
{
public:
    /** At most this many results wait for the server's thread (one read's chunk more at worst). */
    static constexpr qint64 maxMessages = 1024;
    /** Or this many payload bytes. */
    static constexpr qint64 maxBytes = 16 * 1024 * 1024;

    /** What a batch weighs. */
    struct Load
    {
        qint64 messages = 0;
        qint64 bytes = 0;
    };
    static Load loadOf(const QList<DecodeResult> &results);

    /** Whether a batch of @p pending more still fits. */
    bool hasRoom(Load pending) const;
    /** The worker hands a batch to the server's thread. */
    void handOver(Load load);
    /**
     * The server's thread took a batch. True if the worker waits for room and
     * there is enough again (half the bound): the caller wakes it.
     */
    bool take(Load load);
    /**
     * The worker found no room: from now on the server's thread wakes it.
     * True if room came back meanwhile, and nobody will: read on at once.
     */
    bool waitForRoom();

private:
    bool hasRoomToResume() const;

    std::atomic<qint64> m_messages{0};
    std::atomic<qint64> m_bytes{0};
    std::atomic<bool> m_waiting{false};
};

} // namespace netcore
