#pragma once

#include <netcore/codecconfig.h>

#include <QtNetwork/QHostAddress>

namespace wirebench {

class ProxyObserver;

/** What every connection of one proxy shares, fixed while it runs. */
struct LinkSetup
{
    QHostAddress upstream;
    quint16 upstreamPort = 0;
    netcore::CodecConfig codec;
    /** Decode both directions: to report messages, or for message faults asked from the start. */
    bool frames = true;
    quint64 seed = 0;
    ProxyObserver *observer = nullptr; ///< never null
};

} // namespace wirebench
