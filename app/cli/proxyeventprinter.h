#pragma once

#include <app/cli/eventprinter.h>

#include <engine/proxy/proxyobserver.h>

#include <QtCore/QHash>
#include <QtCore/QMutex>

namespace wirebench::cli {

/**
 * `wirebench-cli proxy`'s events: what the proxy observes, one line each,
 * through EventPrinter. Called from the proxy's I/O threads; every event
 * names the client's peer, remembered here until its connection is over.
 */
class ProxyEventPrinter final : public ProxyObserver
{
public:
    explicit ProxyEventPrinter(EventPrinter::Format format) : m_printer(format) {}

    void connected(quint64 connection, const QString &peer) override;
    void upstreamConnected(quint64 connection, const QString &local) override;
    void message(quint64 connection, ProxyDirection direction, const netcore::MessageView &message) override;
    void faultApplied(quint64 connection, ProxyDirection direction, Fault::Kind kind,
                      const netcore::MessageView &message) override;
    void error(quint64 connection, std::optional<ProxyDirection> direction, const netcore::Error &error) override;
    void disconnected(quint64 connection, ProxyEnd end, const QString &reason) override;

private:
    QString peerOf(quint64 connection) const;

    const EventPrinter m_printer;
    mutable QMutex m_mutex; // guards m_peers
    QHash<quint64, QString> m_peers;
};

} // namespace wirebench::cli
