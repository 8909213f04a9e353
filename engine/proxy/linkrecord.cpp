#include "linkrecord.h"

namespace wirebench {

void LinkRecord::setAddresses(const QString &clientPeer, const QString &upstreamLocal)
{
    QMutexLocker lock(&m_mutex);
    m_clientPeer = clientPeer;
    m_upstreamLocal = upstreamLocal;
}

ProxyConnectionState LinkRecord::snapshot() const
{
    ProxyConnectionState state;
    state.id = id;
    state.openedAt = openedAt;
    {
        QMutexLocker lock(&m_mutex);
        state.clientPeer = m_clientPeer;
        state.upstreamLocal = m_upstreamLocal;
    }
    state.upstreamConnected = !state.upstreamLocal.isEmpty();
    for (int i = 0; i < 2; ++i) {
        state.bytes[i] = bytes[i].load(std::memory_order_relaxed);
        state.messages[i] = messages[i].load(std::memory_order_relaxed);
    }
    return state;
}

} // namespace wirebench
