#include "hostedproxy.h"

#include <engine/liverecording.h>
#include <engine/proxy/proxy.h>
#include <engine/recording/proxyrecording.h>
#include <engine/trafficcollector.h>

#include <netcore/endpoint.h>
#include <netcore/error.h>
#include <netcore/messageview.h>

namespace wirebench {

namespace {

QString endName(ProxyEnd end)
{
    switch (end) {
    case ProxyEnd::Client: return HostedProxy::tr("the client");
    case ProxyEnd::Upstream: return HostedProxy::tr("the upstream");
    case ProxyEnd::Proxy: return HostedProxy::tr("the proxy");
    }
    return {};
}

} // namespace

HostedProxy::HostedProxy(int id, const ProxySpec &spec, TrafficCollector *collector, QObject *parent)
    : QObject(parent), m_id(id), m_spec(spec), m_collector(collector)
{
    if (m_spec.name.isEmpty())
        m_spec.name = QStringLiteral("proxy %1").arg(id); // a name, not prose: never translated
}

HostedProxy::~HostedProxy()
{
    m_proxy.reset(); // its I/O threads call this object until it is gone
    stopRecording();
}

void HostedProxy::setSpec(const ProxySpec &spec)
{
    ProxySpec resolved = spec;
    if (resolved.name.isEmpty())
        resolved.name = m_spec.name;
    ProxySpec sameFaults = resolved;
    sameFaults.faults = m_spec.faults;
    if (sameFaults == m_spec) {
        setFaults(resolved.faults);
        return;
    }
    // A failed proxy is edited to make it work: it tries again with the new settings.
    const bool wasRunning = (m_proxy && m_proxy->isListening()) || !m_error.isEmpty();
    if (m_proxy && m_proxy->isListening())
        m_collector->addEvent(EventKind::ServerStopped, name(), tr("stopped to apply new settings"));
    stopRecording(); // a recording has one codec, and its conversations end here
    m_proxy.reset();
    m_spec = resolved;
    m_error.clear();
    if (wasRunning)
        start();
}

bool HostedProxy::start()
{
    if (m_proxy && m_proxy->isListening())
        return true;
    QString why;
    bool listening = false;
    if (m_spec.listenPort == 0 && m_lastPort != 0)
        listening = listenOn(m_lastPort, &why); // clients reconnecting find it again
    if (!listening)
        listening = listenOn(m_spec.listenPort, &why);
    if (!listening) {
        m_error = why;
        m_collector->addEvent(EventKind::Error, name(), tr("cannot start: %1").arg(why),
                              netcore::ErrorCode::ListenFailed);
        return false;
    }
    m_error.clear();
    m_lastPort = m_proxy->port();
    m_collector->addEvent(EventKind::ServerStarted, name(),
                          tr("proxying %1 to %2, seed %3").arg(m_proxy->listenAddress(), upstream())
                              .arg(m_proxy->seed()));
    return true;
}

bool HostedProxy::listenOn(quint16 port, QString *why)
{
    ProxySpec spec = m_spec;
    spec.listenPort = port;
    m_proxy.reset(); // a stopped one, or one that failed: its seed goes with it
    ProxyObserver *observer = this; // a private base: converted here, where it is accessible
    m_proxy = std::make_unique<Proxy>(spec, observer);
    return m_proxy->start(why);
}

void HostedProxy::stop()
{
    if (!m_proxy || !m_proxy->isListening())
        return;
    stopRecording(); // before the ends the proxy makes: a replay should not expect them
    m_proxy->stop();
    m_collector->addEvent(EventKind::ServerStopped, name(), tr("stopped"));
}

void HostedProxy::record(const QString &fileName)
{
    stopRecording();
    if (fileName.isEmpty())
        return;
    if (!m_proxy || !m_proxy->isListening()) {
        m_collector->addEvent(EventKind::Error, name(), tr("cannot record: it is not listening; start it first"));
        return;
    }
    std::shared_ptr<LiveRecording> recording = LiveRecording::start(fileName, m_spec.codec, name(), m_collector);
    if (!recording)
        return;
    // Connections already open are conversations from here on.
    const QList<ProxyConnectionState> open = m_proxy->connections();
    for (const ProxyConnectionState &connection : open)
        recording->recorder().connected(connection.id, connection.clientPeer);
    QMutexLocker lock(&m_recordingMutex);
    m_recording = std::move(recording);
    m_recordingOn = true;
}

void HostedProxy::stopRecording()
{
    std::shared_ptr<LiveRecording> recording;
    {
        QMutexLocker lock(&m_recordingMutex);
        recording = std::exchange(m_recording, {});
        m_recordingOn = false;
    }
    if (recording)
        recording->finish(); // an I/O thread still holding it records nothing more
}

template <typename Call>
void HostedProxy::toRecording(Call call) const
{
    if (const std::shared_ptr<LiveRecording> recording = this->recording()) {
        ProxyRecording observer(&recording->recorder(), nullptr); // what the CLI's proxy records, the same way
        call(observer);
    }
}

std::shared_ptr<LiveRecording> HostedProxy::recording() const
{
    if (!m_recordingOn.load(std::memory_order_relaxed))
        return {};
    QMutexLocker lock(&m_recordingMutex);
    return m_recording;
}

void HostedProxy::setFaults(const QList<Fault> &faults)
{
    if (faults == m_spec.faults)
        return;
    m_spec.faults = faults;
    if (m_proxy)
        m_proxy->setFaults(faults);
    QStringList described;
    for (const Fault &fault : faults) {
        if (fault.enabled)
            described.append(fault.describe());
    }
    m_collector->addEvent(EventKind::Info, name(),
                          described.isEmpty() ? tr("no faults") : tr("faults: %1").arg(described.join(QStringLiteral("; "))));
}

void HostedProxy::kick(quint64 connection)
{
    if (m_proxy)
        m_proxy->kick(connection);
}

ProxyState HostedProxy::state() const
{
    ProxyState state;
    state.id = m_id;
    state.spec = m_spec;
    state.error = m_error;
    if (!m_proxy)
        return state;
    state.listening = m_proxy->isListening();
    state.boundPort = state.listening ? m_proxy->port() : 0;
    state.seed = m_proxy->seed();
    state.connections = m_proxy->connections(); // by id
    if (const std::shared_ptr<LiveRecording> recording = this->recording())
        state.recordingFile = recording->fileName();
    return state;
}

void HostedProxy::connected(quint64 connection, const QString &peer)
{
    m_collector->addEvent(EventKind::Connected, endpointOf(connection), tr("client %1 connected").arg(peer));
    toRecording([&](ProxyObserver &recording) { recording.connected(connection, peer); });
}

void HostedProxy::upstreamConnected(quint64 connection, const QString &local)
{
    m_collector->addEvent(EventKind::Connected, endpointOf(connection),
                          tr("connected to the upstream %1 from %2").arg(upstream(), local));
    toRecording([&](ProxyObserver &recording) { recording.upstreamConnected(connection, local); });
}

void HostedProxy::message(quint64 connection, ProxyDirection direction, const netcore::MessageView &message)
{
    m_collector->addEntry(LogSource{endpointOf(connection), 0, connection, 0, m_id}, logDirection(direction),
                          message.toMessage());
    toRecording([&](ProxyObserver &recording) { recording.message(connection, direction, message); });
}

void HostedProxy::faultApplied(quint64 connection, ProxyDirection direction, Fault::Kind kind,
                               const netcore::MessageView &message)
{
    const QString channel = message.channel();
    m_collector->addEvent(EventKind::Info, endpointOf(connection),
                          tr("%1: a %2 message on %3, %4 bytes")
                              .arg(Fault::kindName(kind), directionName(logDirection(direction)),
                                   channel.isEmpty() ? tr("the default channel") : channel)
                              .arg(message.payload().size()));
    toRecording([&](ProxyObserver &recording) { recording.faultApplied(connection, direction, kind, message); });
}

void HostedProxy::error(quint64 connection, std::optional<ProxyDirection> direction, const netcore::Error &error)
{
    QString text = QStringLiteral("%1: %2").arg(netcore::errorCodeName(error.code), error.message);
    if (direction) { // a direction's error is the codec's: the bytes pass on regardless
        const QString way = directionName(logDirection(*direction));
        text = netcore::isStreamError(error.code) ? tr("%1 bytes: %2; they pass on, undecoded from here").arg(way, text)
                                                  : tr("%1 bytes: %2; the frame passes on").arg(way, text);
    }
    m_collector->addEvent(EventKind::Error, endpointOf(connection), text, error.code);
    toRecording([&](ProxyObserver &recording) { recording.error(connection, direction, error); });
}

void HostedProxy::disconnected(quint64 connection, ProxyEnd end, const QString &reason)
{
    m_collector->addEvent(EventKind::Disconnected, endpointOf(connection),
                          tr("disconnected by %1: %2").arg(endName(end), reason));
    toRecording([&](ProxyObserver &recording) { recording.disconnected(connection, end, reason); });
}

QString HostedProxy::endpointOf(quint64 connection) const
{
    return QStringLiteral("%1 #%2").arg(m_spec.name).arg(connection);
}

QString HostedProxy::upstream() const
{
    return netcore::Endpoint::format(m_spec.upstreamHost, m_spec.upstreamPort);
}

} // namespace wirebench
