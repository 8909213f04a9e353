#pragma once

#include <engine/proxy/proxyobserver.h>

namespace wirebench {

class Recorder;

/**
 * Records what a proxy observes, both directions, into a Recorder, and
 * passes every call on to the observer behind it (the CLI's printer, the
 * app's HostedProxy). The upstream is the recording's server: its ends are
 * "server", the proxy's own (a fault, a kick) "proxy". Thread-safe as the
 * Recorder is.
 */
class ProxyRecording final : public ProxyObserver
{
public:
    /** @p next may be null; both must outlive the proxy that calls this. */
    ProxyRecording(Recorder *recorder, ProxyObserver *next) : m_recorder(recorder), m_next(next) {}

    void connected(quint64 connection, const QString &peer) override;
    void upstreamConnected(quint64 connection, const QString &local) override;
    void message(quint64 connection, ProxyDirection direction, const netcore::MessageView &message) override;
    void faultApplied(quint64 connection, ProxyDirection direction, Fault::Kind kind,
                      const netcore::MessageView &message) override;
    void error(quint64 connection, std::optional<ProxyDirection> direction, const netcore::Error &error) override;
    void disconnected(quint64 connection, ProxyEnd end, const QString &reason) override;

private:
    Recorder *const m_recorder;
    ProxyObserver *const m_next;
};

} // namespace wirebench
