#include "benchproxies.h"

#include <engine/hostedproxy.h>
#include <engine/trafficcollector.h>

namespace wirebench {

BenchProxies::BenchProxies(TrafficCollector *collector) : m_collector(collector) {}

BenchProxies::~BenchProxies() = default;

void BenchProxies::add(int id, const ProxySpec &spec, bool start)
{
    auto hosted = std::make_unique<HostedProxy>(id, spec, m_collector);
    if (start)
        hosted->start();
    m_proxies[id] = std::move(hosted);
}

void BenchProxies::update(int id, const ProxySpec &spec)
{
    if (HostedProxy *hosted = find(id))
        hosted->setSpec(spec);
}

void BenchProxies::start(int id)
{
    if (HostedProxy *hosted = find(id))
        hosted->start();
}

void BenchProxies::stop(int id)
{
    if (HostedProxy *hosted = find(id))
        hosted->stop();
}

void BenchProxies::remove(int id)
{
    const auto it = m_proxies.find(id);
    if (it == m_proxies.end())
        return;
    m_collector->addEvent(EventKind::ServerStopped, it->second->name(), HostedProxy::tr("removed"));
    m_proxies.erase(it);
}

void BenchProxies::kick(int id, quint64 connection)
{
    if (HostedProxy *hosted = find(id))
        hosted->kick(connection);
}

void BenchProxies::setFaults(int id, const QList<Fault> &faults)
{
    if (HostedProxy *hosted = find(id))
        hosted->setFaults(faults);
}

void BenchProxies::record(int id, const QString &fileName)
{
    if (HostedProxy *hosted = find(id))
        hosted->record(fileName);
}

void BenchProxies::clear()
{
    m_proxies.clear();
}

QList<ProxyState> BenchProxies::states() const
{
    QList<ProxyState> states;
    states.reserve(int(m_proxies.size()));
    for (const auto &entry : m_proxies)
        states.append(entry.second->state());
    return states;
}

HostedProxy *BenchProxies::find(int id) const
{
    const auto it = m_proxies.find(id);
    return it == m_proxies.end() ? nullptr : it->second.get();
}

} // namespace wirebench
