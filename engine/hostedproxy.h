#pragma once

#include <engine/proxy/proxyobserver.h>
#include <engine/proxystate.h>

#include <QtCore/QMutex>
#include <QtCore/QObject>

#include <atomic>
#include <memory>

namespace wirebench {

class LiveRecording;
class Proxy;
class TrafficCollector;

/**
 * One proxy of the bench: a Proxy made from a ProxySpec, living in the
 * bench's I/O thread (its sockets in I/O threads of its own), and what it
 * tells written to a TrafficCollector as the rest of the bench writes there.
 *
 * Each message it passes is a log entry of the endpoint "<proxy name> #<conn>",
 * its direction c2s or s2c; what happens to a connection (a client, its
 * upstream, a fault acting on a message, an error, the end) is an event of
 * the same endpoint. Its faults change while it runs, connections kept;
 * any other change makes it anew.
 */
class HostedProxy : public QObject, private ProxyObserver
{
    Q_OBJECT
    Q_DISABLE_COPY(HostedProxy)

public:
    /** An empty spec.name becomes "proxy <id>". @p collector must outlive this. Does not listen yet. */
    HostedProxy(int id, const ProxySpec &spec, TrafficCollector *collector, QObject *parent = nullptr);
    ~HostedProxy() override;

    int id() const { return m_id; }
    QString name() const { return m_spec.name; }
    /** The spec with its name resolved and the faults in force. */
    ProxySpec spec() const { return m_spec; }

    /**
     * Takes a new spec. One that differs only in its faults is applied live (setFaults()); otherwise
     * a listening (or failed) proxy is made anew and listens again, its connections ended.
     */
    void setSpec(const ProxySpec &spec);
    /** Listens (on the previous port when the spec asks for any); false, with an event, on failure. */
    bool start();
    /** Stops listening and ends every connection; a recording under way ends first. */
    void stop();
    /** Replaces the faults; the open connections take them at once. */
    void setFaults(const QList<Fault> &faults);
    void kick(quint64 connection);

    /**
     * Records what it passes to @p fileName from now on (docs/recording.md): each connection's client,
     * its messages both ways as they arrive (before faults act; a fault is a "fault" event after its
     * message) and its end. An empty @p fileName stops. Only while it listens.
     */
    void record(const QString &fileName);

    ProxyState state() const;

private:
    // ProxyObserver: called from the proxy's I/O threads. They read only the name and the
    // upstream of m_spec, which change only while no Proxy exists.
    void connected(quint64 connection, const QString &peer) override;
    void upstreamConnected(quint64 connection, const QString &local) override;
    void message(quint64 connection, ProxyDirection direction, const netcore::MessageView &message) override;
    void faultApplied(quint64 connection, ProxyDirection direction, Fault::Kind kind,
                      const netcore::MessageView &message) override;
    void error(quint64 connection, std::optional<ProxyDirection> direction, const netcore::Error &error) override;
    void disconnected(quint64 connection, ProxyEnd end, const QString &reason) override;

    /** A new Proxy listening on @p port; false, with @p why, if it cannot. */
    bool listenOn(quint16 port, QString *why);
    QString endpointOf(quint64 connection) const;
    QString upstream() const;
    /** The recording under way, for the I/O threads; none when there is none. */
    std::shared_ptr<LiveRecording> recording() const;
    void stopRecording();
    /** Calls @p call with the running recording as a ProxyObserver (ProxyRecording); not when there is none. */
    template <typename Call>
    void toRecording(Call call) const;

    const int m_id = 0;
    ProxySpec m_spec;
    TrafficCollector *const m_collector = nullptr;
    std::unique_ptr<Proxy> m_proxy; ///< none until it first starts; kept when stopped, for its seed
    quint16 m_lastPort = 0;         ///< so a restarted "any port" proxy keeps its port
    QString m_error;
    mutable QMutex m_recordingMutex;            ///< the I/O threads read m_recording while the bench's thread sets it
    std::shared_ptr<LiveRecording> m_recording; ///< none unless recording
    std::atomic_bool m_recordingOn{false};      ///< spares the I/O threads the lock while nothing records
};

} // namespace wirebench
