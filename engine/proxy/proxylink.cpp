#include "proxylink.h"

#include "framestage.h"
#include "linkrecord.h"
#include "linksetup.h"
#include "proxysocket.h"

#include <netcore/endpoint.h>
#include <netcore/error.h>

#include <QtCore/QTimer>

#include <cerrno>
#include <cstring>

namespace wirebench {

namespace {

constexpr int connectTimeoutMsecs = 10000; // as netcore's Client
/** How long a side the proxy ended may take to end too before it is closed regardless. */
constexpr int drainDeadlineMsecs = 2000;

netcore::ErrorCode codeOfConnectError(int error)
{
    switch (error) {
    case ECONNREFUSED: return netcore::ErrorCode::ConnectionRefused;
    case ETIMEDOUT: return netcore::ErrorCode::Timeout;
    case ENETUNREACH:
    case EHOSTUNREACH:
    case ENETDOWN: return netcore::ErrorCode::NetworkError;
    default: return netcore::ErrorCode::SocketError;
    }
}

QString endReason(bool reset, int error)
{
    if (!reset)
        return QStringLiteral("closed");
    return error == 0 || error == ECONNRESET || error == EPIPE ? QStringLiteral("reset")
                                                               : QString::fromLocal8Bit(std::strerror(error));
}

QTimer *singleShotTimer(QObject *parent, std::function<void()> fire)
{
    auto *timer = new QTimer(parent);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, parent, std::move(fire));
    return timer;
}

} // namespace

ProxyLink::ProxyLink(int clientDescriptor, std::shared_ptr<const LinkSetup> setup, std::shared_ptr<LinkRecord> record,
                     std::shared_ptr<const LinkPlan> plan, QObject *parent)
    : QObject(parent), m_setup(std::move(setup)), m_record(std::move(record)), m_plan(std::move(plan))
{
    m_age.start();
    m_client = new ProxySocket(clientDescriptor, [this] { onClientReadable(); }, [this] { onClientWritable(); }, this);
}

ProxyLink::~ProxyLink() = default;

quint64 ProxyLink::id() const
{
    return m_record->id;
}

void ProxyLink::open()
{
    m_clientPeer = m_client->address(false);
    m_record->setAddresses(m_clientPeer, {});
    m_setup->observer->connected(id(), m_clientPeer);
    int error = 0;
    const int descriptor = ProxySocket::startConnect(m_setup->upstream, m_setup->upstreamPort, &error);
    if (descriptor < 0) {
        upstreamFailed(error);
        return;
    }
    m_upstream = new ProxySocket(descriptor, [this] { onUpstreamReadable(); }, [this] { onUpstreamWritable(); }, this);
    m_upstream->setWriteEnabled(true); // writable: the connect finished, one way or the other
    m_connectTimer = singleShotTimer(this, [this] { upstreamFailed(ETIMEDOUT); });
    m_connectTimer->start(connectTimeoutMsecs);
    applyTimers();
}

void ProxyLink::setPlan(std::shared_ptr<const LinkPlan> plan)
{
    if (m_state == State::Done || m_state == State::Draining)
        return;
    m_plan = std::move(plan);
    if (m_clientToServer) { // the pumps keep pointers into the plan: give them the new one at once
        m_clientToServer->setPlan(&m_plan->of(ProxyDirection::ClientToServer));
        m_serverToClient->setPlan(&m_plan->of(ProxyDirection::ServerToClient));
    }
    applyTimers();
}

void ProxyLink::kick()
{
    closeBoth(ProxyEnd::Proxy, QStringLiteral("kicked"));
}

void ProxyLink::abort(const QString &reason)
{
    resetBoth(ProxyEnd::Proxy, reason);
}

void ProxyLink::onClientReadable()
{
    if (m_state == State::Open)
        m_clientToServer->onReadable();
    else if (m_state == State::Draining)
        drain(m_client);
}

void ProxyLink::onClientWritable()
{
    if (m_state == State::Open)
        m_serverToClient->onWritable();
}

void ProxyLink::onUpstreamReadable()
{
    if (m_state == State::Open)
        m_serverToClient->onReadable();
    else if (m_state == State::Draining)
        drain(m_upstream);
}

void ProxyLink::onUpstreamWritable()
{
    if (m_state == State::Connecting)
        onUpstreamConnected();
    else if (m_state == State::Open)
        m_clientToServer->onWritable();
}

void ProxyLink::onUpstreamConnected()
{
    const int error = m_upstream->connectResult();
    if (error != 0) {
        upstreamFailed(error);
        return;
    }
    m_connectTimer->stop();
    m_upstream->setWriteEnabled(false);
    const QString local = m_upstream->address(true);
    m_record->setAddresses(m_clientPeer, local);
    m_state = State::Open;
    m_setup->observer->upstreamConnected(id(), local);
    startPumps();
}

void ProxyLink::upstreamFailed(int error)
{
    if (m_state != State::Connecting)
        return;
    const QString why = QString::fromLocal8Bit(std::strerror(error));
    const QString upstream = netcore::Endpoint::format(m_setup->upstream, m_setup->upstreamPort);
    m_setup->observer->error(id(), std::nullopt,
                             netcore::Error(codeOfConnectError(error), QStringLiteral("upstream %1: %2").arg(upstream, why)));
    closeBoth(ProxyEnd::Upstream, QStringLiteral("upstream failed: %1").arg(why));
}

void ProxyLink::startPumps()
{
    const auto make = [this](ProxyDirection direction, ProxySocket *source, ProxySocket *sink) {
        const int index = int(direction);
        auto *pump = new ProxyPump(direction, source, sink, this, &m_record->bytes[index],
                                   FaultRandom(m_setup->seed, id(), index), this);
        if (m_setup->frames)
            pump->setStage(std::make_unique<FrameStage>(m_setup->codec, direction, id(), m_setup->observer,
                                                         &m_record->messages[index], pump->random(), pump));
        pump->setPlan(&m_plan->of(direction));
        return pump;
    };
    m_clientToServer = make(ProxyDirection::ClientToServer, m_client, m_upstream);
    m_serverToClient = make(ProxyDirection::ServerToClient, m_upstream, m_client);
    m_clientToServer->start();
    m_serverToClient->start();
}

void ProxyLink::applyTimers()
{
    qint64 timeout = -1; // the earliest close a direction's timeout asks for; 0 holds it open
    for (ProxyDirection direction : {ProxyDirection::ClientToServer, ProxyDirection::ServerToClient}) {
        const DirectionPlan &plan = m_plan->of(direction);
        if (plan.timeout && (timeout < 0 || (plan.timeoutMsecs > 0 && (timeout == 0 || plan.timeoutMsecs < timeout))))
            timeout = plan.timeoutMsecs;
    }
    if (timeout != m_timeoutMsecs) { // counted from when it was switched on
        m_timeoutMsecs = timeout;
        if (!m_timeoutTimer)
            m_timeoutTimer = singleShotTimer(this, [this] {
                closeBoth(ProxyEnd::Proxy, QStringLiteral("timeout: closed after %1 ms").arg(m_timeoutMsecs));
            });
        if (timeout > 0)
            m_timeoutTimer->start(int(timeout));
        else
            m_timeoutTimer->stop();
    }
    if (!m_plan->resetAfter) {
        if (m_resetTimer)
            m_resetTimer->stop();
        return;
    }
    const qint64 msecs = m_plan->resetAfterMsecs;
    const qint64 remaining = msecs - m_age.elapsed(); // counted from the client's connect
    if (remaining <= 0) {
        resetBoth(ProxyEnd::Proxy, QStringLiteral("reset-after: %1 ms").arg(msecs));
        return;
    }
    if (!m_resetTimer)
        m_resetTimer = singleShotTimer(this, [this] {
            resetBoth(ProxyEnd::Proxy, QStringLiteral("reset-after: %1 ms").arg(m_plan->resetAfterMsecs));
        });
    m_resetTimer->start(int(remaining));
}

void ProxyLink::closeBoth(ProxyEnd end, const QString &reason)
{
    if (m_state == State::Draining || m_state == State::Done)
        return;
    noteEnd(end, reason);
    const bool upstreamUp = m_state == State::Open;
    m_state = State::Draining;
    stopAll();
    // FIN to both; what they still send is read and dropped, so that closing sends no RST.
    for (ProxySocket *socket : {m_client, m_upstream}) {
        if (!socket || !socket->isOpen())
            continue;
        if (socket == m_upstream && !upstreamUp) {
            socket->close(); // still connecting: nothing to end in order
            continue;
        }
        socket->setWriteEnabled(false);
        socket->shutdownWrite();
        socket->setReadEnabled(true);
    }
    m_drainTimer = singleShotTimer(this, [this] { finish(); });
    m_drainTimer->start(drainDeadlineMsecs);
    if (bothClosed())
        finish();
}

void ProxyLink::resetBoth(ProxyEnd end, const QString &reason)
{
    if (m_state == State::Done)
        return;
    noteEnd(end, reason);
    stopAll();
    m_client->reset();
    if (m_upstream)
        m_upstream->reset();
    finish();
}

void ProxyLink::drain(ProxySocket *socket)
{
    char discard[16 * 1024];
    for (;;) {
        const qint64 count = socket->read(discard, sizeof discard);
        if (count == ProxySocket::WouldBlock)
            return;
        if (count <= 0)
            break;
    }
    socket->close();
    if (bothClosed())
        finish();
}

bool ProxyLink::bothClosed() const
{
    return !m_client->isOpen() && (!m_upstream || !m_upstream->isOpen());
}

void ProxyLink::noteEnd(ProxyEnd end, const QString &reason)
{
    if (m_endNoted)
        return;
    m_endNoted = true;
    m_end = end;
    m_reason = reason;
}

void ProxyLink::stopAll()
{
    if (m_clientToServer) {
        m_clientToServer->stop();
        m_serverToClient->stop();
    }
    for (QTimer *timer : {m_connectTimer, m_timeoutTimer, m_resetTimer}) {
        if (timer)
            timer->stop();
    }
}

void ProxyLink::finish()
{
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    stopAll();
    if (m_drainTimer)
        m_drainTimer->stop();
    m_client->close();
    if (m_upstream)
        m_upstream->close();
    m_setup->observer->disconnected(id(), m_end, m_reason);
    emit finished(id());
}

void ProxyLink::sourceEnded(ProxyPump *pump, bool reset)
{
    if (m_plan->of(pump->direction()).timeout)
        return; // held by the timeout, like the data: if the fault's own close comes first, the proxy ended it
    noteSourceEnd(pump, reset);
}

void ProxyLink::noteSourceEnd(ProxyPump *pump, bool reset)
{
    ProxySocket *source = pump == m_clientToServer ? m_client : m_upstream;
    noteEnd(pump == m_clientToServer ? ProxyEnd::Client : ProxyEnd::Upstream, endReason(reset, source->lastError()));
}

void ProxyLink::endPassed(ProxyPump *pump, bool reset)
{
    noteSourceEnd(pump, reset); // an end the timeout held, once the fault was lifted
    if (reset) { // RST as RST: the other side is reset, whatever was on its way
        stopAll();
        (pump == m_clientToServer ? m_upstream : m_client)->reset();
        finish();
        return;
    }
    if (m_clientToServer->endPassed() && m_serverToClient->endPassed())
        finish(); // both ways ended in order: each side read the other's FIN
}

void ProxyLink::sinkFailed(ProxyPump *pump, int error)
{
    // The sink's peer is gone (it reset, or closed and then got our bytes): the source sees it as a reset.
    noteEnd(pump == m_clientToServer ? ProxyEnd::Upstream : ProxyEnd::Client, endReason(true, error));
    stopAll();
    (pump == m_clientToServer ? m_client : m_upstream)->reset();
    finish();
}

void ProxyLink::limitReached(ProxyPump *pump)
{
    closeBoth(ProxyEnd::Proxy, QStringLiteral("limit-data: %1 bytes passed %2")
                                   .arg(m_plan->of(pump->direction()).limitBytes)
                                   .arg(proxyDirectionName(pump->direction())));
}

} // namespace wirebench
