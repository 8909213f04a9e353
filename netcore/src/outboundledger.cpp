#include "outboundledger.h"

namespace netcore {

int OutboundLedger::confirm(quint64 delivered)
{
    int confirmed = 0;
    // A receipt below what is already confirmed (a late one, from an older connection) changes nothing.
    while (m_firstNumber < delivered && !m_unconfirmed.empty()) {
        m_unconfirmed.pop_front();
        ++m_firstNumber;
        ++confirmed;
    }
    return confirmed;
}

} // namespace netcore
