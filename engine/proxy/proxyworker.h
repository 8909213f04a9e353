#pragma once

#include <engine/proxy/faultplan.h>

#include <QtCore/QHash>
#include <QtCore/QObject>

#include <functional>
#include <memory>

namespace wirebench {

class ProxyLink;
struct LinkRecord;
struct LinkSetup;

/**
 * The connections of one proxy in one I/O thread. Every method runs in that
 * thread; the proxy reaches it with queued calls.
 */
class ProxyWorker : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProxyWorker)

public:
    /** @p onFinished runs in this thread when a connection is over (the proxy forgets its record). */
    ProxyWorker(std::shared_ptr<const LinkSetup> setup, std::function<void(quint64 id)> onFinished,
                QObject *parent = nullptr);
    ~ProxyWorker() override;

    void adopt(int clientDescriptor, std::shared_ptr<LinkRecord> record, std::shared_ptr<const LinkPlan> plan);
    void setPlan(std::shared_ptr<const LinkPlan> plan);
    void kick(quint64 id);
    /** Resets every connection and deletes it now, in this thread: before the thread ends. */
    void abortAll(const QString &reason);

private:
    void onLinkFinished(quint64 id);

    const std::shared_ptr<const LinkSetup> m_setup;
    const std::function<void(quint64)> m_onFinished;
    QHash<quint64, ProxyLink *> m_links;
};

} // namespace wirebench
