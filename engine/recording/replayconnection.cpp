#include "replayconnection.h"

#include <netcore/client.h>
#include <netcore/error.h>
#include <netcore/messageinbox.h>

#include <cmath>

namespace wirebench {

ReplayConnection::ReplayConnection(Conversation expected, Setup setup, const QElapsedTimer *clock, QObject *parent)
    : QObject(parent), m_expected(std::move(expected)), m_setup(std::move(setup)), m_clock(clock)
{
    // Counted once: the replay asks before each message how many answers came ahead of it.
    m_answersBefore.reserve(m_expected.messages.size() + 1);
    int answers = 0;
    m_answersBefore.append(answers);
    for (const RecordedEvent &event : std::as_const(m_expected.messages)) {
        if (event.direction == ProxyDirection::ServerToClient
            && !m_setup.ignoreChannels.contains(event.message.channel()))
            ++answers;
        m_answersBefore.append(answers);
    }
    m_replayed.connection = m_expected.connection;
    m_replayed.peer = m_expected.peer;
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ReplayConnection::advance);
}

ReplayConnection::~ReplayConnection() = default;

qint64 ReplayConnection::msecsUntil(qint64 timeUs) const
{
    if (m_setup.speed <= 0)
        return 0;
    const qint64 due = qint64(std::ceil(double(timeUs - m_setup.originUs) / m_setup.speed / 1000.0));
    return qMax<qint64>(0, due - m_clock->elapsed());
}


void ReplayConnection::start()
{
    m_client = std::make_unique<netcore::Client>(m_setup.codec);
    m_client->inbox().setCapacity(0);
    connect(m_client.get(), &netcore::Client::connected, this, &ReplayConnection::onConnected);
    connect(m_client.get(), &netcore::Client::messageReceived, this, &ReplayConnection::onMessage);
    connect(m_client.get(), &netcore::Client::disconnected, this, &ReplayConnection::onDisconnected);
    connect(m_client.get(), &netcore::Client::errorOccurred, this, &ReplayConnection::onError);
    const qint64 wait = msecsUntil(m_expected.startUs);
    QTimer::singleShot(int(wait), Qt::PreciseTimer, this, [this] {
        m_replayed.startUs = m_clock->nsecsElapsed() / 1000;
        m_client->connectToHost(m_setup.host, m_setup.port);
    });
}

void ReplayConnection::onConnected()
{
    m_connected = true;
    advance();
}

void ReplayConnection::onMessage(const netcore::Message &message)
{
    RecordedEvent event;
    event.kind = RecordedEvent::Kind::Message;
    event.timeUs = m_clock->nsecsElapsed() / 1000;
    event.connection = m_replayed.connection;
    event.direction = ProxyDirection::ServerToClient;
    event.message = message;
    m_replayed.messages.append(event);
    if (!m_setup.ignoreChannels.contains(message.channel())) {
        ++m_answers;
        advance();
    }
}

void ReplayConnection::onDisconnected(netcore::DisconnectReason reason, const QString &detail)
{
    if (m_closed)
        return;
    m_closed = true;
    RecordedEvent end;
    end.kind = RecordedEvent::Kind::Disconnected;
    end.timeUs = m_clock->nsecsElapsed() / 1000;
    end.connection = m_replayed.connection;
    end.side = reason == netcore::DisconnectReason::ClosedLocally ? QStringLiteral("client") : QStringLiteral("server");
    end.reason = netcore::disconnectReasonName(reason);
    end.detail = detail;
    m_replayed.end = end;
    finish();
}

void ReplayConnection::onError(const netcore::Error &error)
{
    if (m_connected || m_finished)
        return;
    m_connectError = error.message; // names the address already
    m_closed = true;
    finish();
}

void ReplayConnection::advance()
{
    if (!m_connected || m_closed || m_finished)
        return;
    m_timer.stop();
    const qint64 now = m_clock->elapsed();
    // What must come before going on; waiting for it ends after answerTimeoutMsecs.
    const auto waitForAnswers = [&](int needed) {
        if (m_answers >= needed) {
            m_waitingSince = -1;
            return false;
        }
        if (m_waitingSince < 0)
            m_waitingSince = now;
        const qint64 left = m_waitingSince + m_setup.answerTimeoutMsecs - now;
        if (left <= 0) {
            m_waitingSince = -1; // it did not come: go on, the comparison will say so
            return false;
        }
        m_timer.start(int(left));
        return true;
    };

    while (m_next < m_expected.messages.size()) {
        const RecordedEvent &event = m_expected.messages[m_next];
        if (event.direction != ProxyDirection::ClientToServer) {
            ++m_next;
            continue;
        }
        if (waitForAnswers(m_answersBefore.at(m_next)))
            return;
        const qint64 wait = msecsUntil(event.timeUs);
        if (wait > 0) {
            m_timer.start(int(wait));
            return;
        }
        RecordedEvent copy = event;
        copy.timeUs = m_clock->nsecsElapsed() / 1000;
        m_replayed.messages.append(copy);
        m_client->send(event.message);
        ++m_sent;
        ++m_next;
        Q_EMIT sent();
    }

    // Everything is sent: the last answers, then the end as recorded.
    if (waitForAnswers(m_answersBefore.constLast()))
        return;
    if (m_expected.closedByServer()) {
        // The server closes it, as in the recording; or, after the wait, it did not.
        if (m_closeAwaitedSince < 0)
            m_closeAwaitedSince = now;
        const qint64 left = m_closeAwaitedSince + m_setup.answerTimeoutMsecs - now;
        if (left > 0) {
            m_timer.start(int(left));
            return;
        }
    } else if (m_expected.end) {
        const qint64 wait = msecsUntil(m_expected.end->timeUs);
        if (wait > 0) {
            m_timer.start(int(wait));
            return;
        }
    }
    m_closed = true;
    m_client->waitForSent(m_setup.answerTimeoutMsecs);
    m_client->disconnectFromHost();
    RecordedEvent end;
    end.kind = RecordedEvent::Kind::Disconnected;
    end.timeUs = m_clock->nsecsElapsed() / 1000;
    end.connection = m_replayed.connection;
    end.side = QStringLiteral("client");
    end.reason = netcore::disconnectReasonName(netcore::DisconnectReason::ClosedLocally);
    m_replayed.end = end;
    finish();
}

void ReplayConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    Q_EMIT finished();
}

} // namespace wirebench
