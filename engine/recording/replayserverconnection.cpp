#include "replayserverconnection.h"

#include <engine/recording/messagecomparison.h>

#include <netcore/server.h>

#include <cmath>
#include <limits>

namespace wirebench {

ReplayServerConnection::ReplayServerConnection(netcore::Server *server, quint64 connection, ReplayPlan plan,
                                               Difference where, Setup setup, QObject *parent)
    : QObject(parent), m_server(server), m_connection(connection), m_plan(std::move(plan)),
      m_where(std::move(where)), m_setup(std::move(setup))
{
    m_where.direction = ProxyDirection::ClientToServer;
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ReplayServerConnection::sendDue);
}

ReplayServerConnection::~ReplayServerConnection() = default;

qint64 ReplayServerConnection::scaledUs(qint64 gapUs) const
{
    return m_setup.speed > 0 ? qint64(std::llround(double(gapUs) / m_setup.speed)) : 0;
}

void ReplayServerConnection::start()
{
    m_clock.start();
    schedule(m_plan.turns.constFirst(), 0);
    sendDue();
}

void ReplayServerConnection::handleMessage(const netcore::Message &message)
{
    if (m_stopped || m_setup.ignoreChannels.contains(message.channel()))
        return;
    const qint64 triggerUs = nowUs();
    ++m_received;
    Difference difference = m_where;
    difference.number = m_received;
    difference.got = message;
    if (m_received > m_plan.requestCount()) {
        difference.kind = Difference::Kind::Unexpected;
        difference.what = tr("nothing more recorded");
        Q_EMIT mismatched(difference);
        return;
    }
    const ReplayPlan::Turn &turn = m_plan.turns.at(m_received);
    difference.what = MessageComparison::difference(*turn.request, message, m_setup.ignorePointers);
    if (!difference.what.isNull()) {
        difference.kind = Difference::Kind::Changed;
        difference.expected = turn.request;
        Q_EMIT mismatched(difference);
    }
    // A slot may have stopped this connection; the turn goes on otherwise, as if the message were right.
    if (m_stopped)
        return;
    schedule(turn, triggerUs);
    sendDue();
}

void ReplayServerConnection::stop()
{
    m_stopped = true;
    m_pending.clear();
    m_timer.stop();
}

void ReplayServerConnection::schedule(const ReplayPlan::Turn &turn, qint64 triggerUs)
{
    for (const ReplayPlan::Answer &answer : turn.answers)
        m_pending.push_back(Pending{answer.message, triggerUs + scaledUs(answer.gapUs)});
    if (turn.closeGapUs)
        m_pending.push_back(Pending{std::nullopt, triggerUs + scaledUs(*turn.closeGapUs)});
}

void ReplayServerConnection::sendDue()
{
    m_timer.stop();
    const qint64 now = nowUs();
    while (!m_stopped && !m_pending.empty()) {
        const Pending &head = m_pending.front();
        if (head.dueUs > now) {
            // Clamped: a gap of weeks at a tiny speed wakes up early and waits again.
            const double msecs = std::ceil(double(head.dueUs - now) / 1000.0);
            m_timer.start(int(qMin(msecs, double(std::numeric_limits<int>::max()))));
            return;
        }
        if (!head.message) {
            // As the recorded server did: what was sent goes first, then an orderly end.
            stop();
            m_server->disconnectClient(m_connection);
            return;
        }
        m_server->send(m_connection, *head.message);
        m_pending.pop_front();
    }
}

} // namespace wirebench
