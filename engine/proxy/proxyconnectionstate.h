#pragma once

#include <QtCore/QDateTime>
#include <QtCore/QString>

namespace wirebench {

/** One proxied connection as it is now: its two ends and what went each way. */
struct ProxyConnectionState
{
    quint64 id = 0;
    QString clientPeer;      ///< "HOST:PORT" of the proxied client
    QString upstreamLocal;   ///< "HOST:PORT" of the proxy's end towards the upstream; empty until it connected
    bool upstreamConnected = false;
    QDateTime openedAt;
    quint64 bytes[2] = {0, 0};    ///< forwarded, by ProxyDirection (c2s, s2c)
    quint64 messages[2] = {0, 0}; ///< decoded, by ProxyDirection
};

} // namespace wirebench
