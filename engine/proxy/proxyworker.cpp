#include "proxyworker.h"

#include "proxylink.h"

namespace wirebench {

ProxyWorker::ProxyWorker(std::shared_ptr<const LinkSetup> setup, std::function<void(quint64)> onFinished,
                         QObject *parent)
    : QObject(parent), m_setup(std::move(setup)), m_onFinished(std::move(onFinished))
{
}

ProxyWorker::~ProxyWorker() = default;

void ProxyWorker::adopt(int clientDescriptor, std::shared_ptr<LinkRecord> record, std::shared_ptr<const LinkPlan> plan)
{
    auto *link = new ProxyLink(clientDescriptor, m_setup, std::move(record), std::move(plan), this);
    m_links.insert(link->id(), link);
    connect(link, &ProxyLink::finished, this, &ProxyWorker::onLinkFinished);
    link->open(); // may finish at once: an upstream refused on the spot, a reset-after of 0
}

void ProxyWorker::setPlan(std::shared_ptr<const LinkPlan> plan)
{
    // A copy of the list: a plan may end a connection (reset-after already past) while it is walked.
    const QList<ProxyLink *> links = m_links.values();
    for (ProxyLink *link : links)
        link->setPlan(plan);
}

void ProxyWorker::kick(quint64 id)
{
    if (ProxyLink *link = m_links.value(id))
        link->kick();
}

void ProxyWorker::abortAll(const QString &reason)
{
    const QList<ProxyLink *> links = m_links.values();
    for (ProxyLink *link : links)
        link->abort(reason);
    qDeleteAll(links);
    m_links.clear();
}

void ProxyWorker::onLinkFinished(quint64 id)
{
    ProxyLink *link = m_links.take(id);
    m_onFinished(id);
    if (link)
        link->deleteLater(); // it is still on the stack that finished it
}

} // namespace wirebench
