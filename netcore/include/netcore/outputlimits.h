#pragma once

#include <netcore/netcore_export.h>

#include <QtCore/QString>

namespace netcore {

/**
 * How much unsent output one server connection may hold, and for how long:
 * the server's defence against a peer that sends but does not read
 * (backpressure), or does not end a connection the server closes.
 *
 * At the high watermark the server stops reading from that peer, so its
 * requests stop producing replies and TCP pushes back on it; at the low
 * watermark it reads again. A peer that stays above the high watermark for
 * stallTimeout, or whose output passes hardLimit (send() and broadcast()
 * from elsewhere cannot be paused), is disconnected with the reason
 * SlowConsumer. Memory per connection is therefore bounded by hardLimit.
 */
struct NETCORE_EXPORT OutputLimits
{
    /** Bytes of unsent output at which the server stops reading from the peer. */
    qint64 highWatermark = 4 * 1024 * 1024;
    /** Bytes of unsent output at or below which it reads again. */
    qint64 lowWatermark = 1024 * 1024;
    /** Bytes of unsent output above which the peer is closed at once (SlowConsumer). */
    qint64 hardLimit = 64 * 1024 * 1024;
    /** Milliseconds above the high watermark (or closing with output unsent) before giving up; 0 = never. */
    int stallTimeout = 30000;
    /**
     * Milliseconds a connection the server closes waits, once its output is written and its
     * FIN sent, for the peer to read the rest and end its side too (what the peer sends
     * meanwhile is read and dropped); a peer that does not is reset then. Positive.
     */
    int closeTimeout = 10000;

    /** Why these limits cannot be used (low > high, high > hard, negative values); empty if they can. */
    QString validate() const;
};

} // namespace netcore
