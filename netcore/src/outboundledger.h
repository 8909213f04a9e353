#pragma once

#include <QtCore/QByteArray>

#include <deque>

namespace netcore {

/**
 * The client's side of delivery receipts: every message written to the
 * network, encoded, until the server confirms it. After a reconnect the
 * client announces firstUnconfirmed() and writes unconfirmed() again, in
 * order; the server drops the ones it had delivered.
 */
class OutboundLedger
{
public:
    /** Keeps @p frame (already written) as the next message of the session. */
    void append(const QByteArray &frame) { m_unconfirmed.push_back(frame); }
    /** The server delivered every message numbered below @p delivered: forget those. Returns how many. */
    int confirm(quint64 delivered);

    quint64 firstUnconfirmed() const { return m_firstNumber; }
    const std::deque<QByteArray> &unconfirmed() const { return m_unconfirmed; }
    int size() const { return int(m_unconfirmed.size()); }

private:
    quint64 m_firstNumber = 0; ///< the number of m_unconfirmed.front()
    std::deque<QByteArray> m_unconfirmed;
};

} // namespace netcore
