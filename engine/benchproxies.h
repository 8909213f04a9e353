#pragma once

#include <engine/proxystate.h>

#include <map>
#include <memory>

namespace wirebench {

class HostedProxy;
class TrafficCollector;

/**
 * The bench's proxies in its I/O thread, keyed by the ids Bench handed out:
 * BenchWorker runs the proxy commands through this. Unknown ids are ignored,
 * as the worker ignores them: a command may race with a removal.
 */
class BenchProxies
{
    Q_DISABLE_COPY(BenchProxies)

public:
    /** @p collector must outlive this. */
    explicit BenchProxies(TrafficCollector *collector);
    ~BenchProxies();

    void add(int id, const ProxySpec &spec, bool start);
    void update(int id, const ProxySpec &spec);
    void start(int id);
    void stop(int id);
    void remove(int id);
    void kick(int id, quint64 connection);
    void setFaults(int id, const QList<Fault> &faults);
    /** HostedProxy::record(). */
    void record(int id, const QString &fileName);
    void clear();

    /** Every proxy as it is now, in creation order. */
    QList<ProxyState> states() const;

private:
    HostedProxy *find(int id) const;

    TrafficCollector *const m_collector = nullptr;
    std::map<int, std::unique_ptr<HostedProxy>> m_proxies;
};

} // namespace wirebench
