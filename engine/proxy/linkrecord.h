#pragma once

#include <engine/proxy/proxyconnectionstate.h>

#include <QtCore/QMutex>

#include <atomic>

namespace wirebench {

class ProxyWorker;

/**
 * What the proxy's thread knows of one connection while it lives in an I/O
 * thread: its counters, written there and read here without a lock, and its
 * two addresses under a short one.
 */
struct LinkRecord
{
    LinkRecord(quint64 id, ProxyWorker *worker) : id(id), worker(worker), openedAt(QDateTime::currentDateTime()) {}

    const quint64 id;
    ProxyWorker *const worker;
    const QDateTime openedAt;
    std::atomic<quint64> bytes[2] = {0, 0};    ///< forwarded, by ProxyDirection
    std::atomic<quint64> messages[2] = {0, 0}; ///< decoded, by ProxyDirection

    void setAddresses(const QString &clientPeer, const QString &upstreamLocal);
    ProxyConnectionState snapshot() const;

private:
    mutable QMutex m_mutex; // guards the addresses
    QString m_clientPeer;
    QString m_upstreamLocal;
};

} // namespace wirebench
