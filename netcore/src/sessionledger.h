#pragma once

#include "deliveryprotocol.h"

#include <QtCore/QByteArray>
#include <QtCore/QHash>

namespace netcore {

/**
 * The server's side of delivery receipts: numbers each client's messages
 * and remembers, per client session, how far delivery got, so that what a
 * client sends again after a reconnect is delivered once. Used from the
 * server's thread only.
 *
 * Sessions outlive their connections (a client comes back under the same
 * one), so the table is bounded: past maxSessions, the sessions with no open
 * connection that were used longest ago are forgotten. A forgotten session
 * that comes back starts over from its hello, like one new to this process.
 */
class SessionLedger
{
public:
    static constexpr int defaultMaxSessions = 65536;

    explicit SessionLedger(int maxSessions = defaultMaxSessions) : m_maxSessions(maxSessions) {}

    /** A hello on @p connection: its next message is numbered hello.next. */
    void open(quint64 connection, const DeliveryProtocol::Hello &hello);
    bool isTracked(quint64 connection) const { return m_streams.contains(connection); }
    /**
     * Numbers the next message of a tracked connection: true if it is new and
     * must be delivered, false if the session already delivered it.
     */
    bool admit(quint64 connection);
    /** What a receipt to @p connection confirms: every message numbered below it. */
    quint64 deliveredOf(quint64 connection) const;
    void close(quint64 connection);

    int sessionCount() const { return int(m_sessions.size()); }
    /** Messages not delivered because they were repeats. */
    quint64 repeatsDropped() const { return m_repeatsDropped; }

private:
    struct Session
    {
        quint64 delivered = 0; ///< next number to deliver
        int openConnections = 0;
        quint64 lastUsed = 0;
    };
    struct Stream
    {
        QByteArray session;
        quint64 next = 0;
    };

    void forgetIdleSessions();

    int m_maxSessions;
    QHash<QByteArray, Session> m_sessions;
    QHash<quint64, Stream> m_streams;
    quint64 m_clock = 0; ///< orders sessions by last use
    quint64 m_repeatsDropped = 0;
};

} // namespace netcore
