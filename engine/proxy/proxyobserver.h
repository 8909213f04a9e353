#pragma once

#include <engine/proxy/fault.h>

#include <QtCore/QString>

#include <optional>

namespace netcore {
struct Error;
class MessageView;
}

namespace wirebench {

/** Which end of a proxied connection ended it first. */
enum class ProxyEnd {
    Client,   ///< "client": the proxied client
    Upstream, ///< "upstream": the server the proxy forwards to
    Proxy,    ///< "proxy": the proxy itself (a fault, a kick, the proxy stopping)
};

QString proxyEndName(ProxyEnd end);

/**
 * What a Proxy tells as it happens. Called from the proxy's I/O threads,
 * several at once: an implementation must be thread-safe and quick (it runs
 * between a read and the write that forwards it). Connection ids start at 1.
 */
class ProxyObserver
{
public:
    virtual ~ProxyObserver() = default;

    /** A client was accepted from @p peer ("HOST:PORT"); the upstream connection starts. */
    virtual void connected(quint64 connection, const QString &peer) = 0;
    /** The upstream accepted; bytes flow both ways from now. @p local is the proxy's end of it. */
    virtual void upstreamConnected(quint64 connection, const QString &local) = 0;
    /**
     * A message decoded on its way in @p direction (before any message fault: a dropped message is
     * reported, then its fault). Past a stream error, each read's bytes come as one binary message.
     */
    virtual void message(quint64 connection, ProxyDirection direction, const netcore::MessageView &message) = 0;
    /** A message-level fault acted on a message just reported ("drop", "duplicate", "corrupt", "delay-channel"). */
    virtual void faultApplied(quint64 connection, ProxyDirection direction, Fault::Kind kind,
                              const netcore::MessageView &message) = 0;
    /**
     * A frame or stream error in @p direction's bytes (@p direction set), or the connection's own
     * failure: an upstream that refused or timed out (@p direction empty).
     */
    virtual void error(quint64 connection, std::optional<ProxyDirection> direction, const netcore::Error &error) = 0;
    /** The connection is over, both sides: @p end ended it first, for @p reason. */
    virtual void disconnected(quint64 connection, ProxyEnd end, const QString &reason) = 0;
};

} // namespace wirebench
