#pragma once

#include <engine/proxy/faultplan.h>
#include <engine/proxy/proxyobserver.h>
#include <engine/proxy/proxypump.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>

#include <memory>

class QTimer;

namespace wirebench {

class ProxySocket;
struct LinkRecord;
struct LinkSetup;

/**
 * One proxied connection, in its I/O thread: the client's socket, the
 * upstream's, and a pump each way. It connects to the upstream, starts the
 * pumps once that is up, and ends the way the contract says: an end
 * passed on as it came (FIN after the other way finished too, RST at once),
 * or the proxy's own end (a kick, a fault). Emits finished() once, after the
 * observer heard disconnected().
 */
class ProxyLink : public QObject, private ProxyPump::Listener
{
    Q_OBJECT
    Q_DISABLE_COPY(ProxyLink)

public:
    ProxyLink(int clientDescriptor, std::shared_ptr<const LinkSetup> setup, std::shared_ptr<LinkRecord> record,
              std::shared_ptr<const LinkPlan> plan, QObject *parent = nullptr);
    ~ProxyLink() override;

    quint64 id() const;
    /** Reports the client and starts connecting to the upstream. */
    void open();
    void setPlan(std::shared_ptr<const LinkPlan> plan);
    /** Ends both sides in order (FIN), dropping what was on its way. */
    void kick();
    /** Ends both sides with RST at once, for @p reason ("proxy stopped"). */
    void abort(const QString &reason);

Q_SIGNALS:
    void finished(quint64 id);

private:
    enum class State { Connecting, Open, Draining, Done };

    void onClientReadable();
    void onClientWritable();
    void onUpstreamReadable();
    void onUpstreamWritable();
    void onUpstreamConnected();
    void upstreamFailed(int error);
    void startPumps();
    /** The plan's connection-wide faults: the timeout's close, reset-after. */
    void applyTimers();
    /** Ends both sides with FIN, reads what they still send until they end too (or a deadline). */
    void closeBoth(ProxyEnd end, const QString &reason);
    void resetBoth(ProxyEnd end, const QString &reason);
    void drain(ProxySocket *socket);
    bool bothClosed() const;
    void noteEnd(ProxyEnd end, const QString &reason);
    /** noteEnd() for the end @p pump read from its source. */
    void noteSourceEnd(ProxyPump *pump, bool reset);
    /** Stops both pumps and the connection's timers. */
    void stopAll();
    void finish();

    void sourceEnded(ProxyPump *pump, bool reset) override;
    void endPassed(ProxyPump *pump, bool reset) override;
    void sinkFailed(ProxyPump *pump, int error) override;
    void limitReached(ProxyPump *pump) override;

    const std::shared_ptr<const LinkSetup> m_setup;
    const std::shared_ptr<LinkRecord> m_record;
    std::shared_ptr<const LinkPlan> m_plan;
    ProxySocket *m_client = nullptr;
    ProxySocket *m_upstream = nullptr;
    ProxyPump *m_clientToServer = nullptr;
    ProxyPump *m_serverToClient = nullptr;
    QTimer *m_connectTimer = nullptr;
    QTimer *m_timeoutTimer = nullptr;
    QTimer *m_resetTimer = nullptr;
    QTimer *m_drainTimer = nullptr;
    QElapsedTimer m_age;
    QString m_clientPeer;
    qint64 m_timeoutMsecs = -1; ///< the timeout's close in force, -1: none
    State m_state = State::Connecting;
    bool m_endNoted = false;
    ProxyEnd m_end = ProxyEnd::Proxy;
    QString m_reason;
};

} // namespace wirebench
