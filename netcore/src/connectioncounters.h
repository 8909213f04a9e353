#pragma once

#include <QtCore/QtGlobal>

#include <atomic>

namespace netcore {

/** Traffic counters written by a connection's I/O thread and read by snapshots in any thread. */
struct ConnectionCounters
{
    std::atomic<quint64> messagesIn{0};
    std::atomic<quint64> messagesOut{0};
    std::atomic<quint64> bytesIn{0};
    std::atomic<quint64> bytesOut{0};
    std::atomic<quint64> bytesPending{0}; ///< output not yet handed to the kernel
};

} // namespace netcore
