#pragma once

#include <engine/benchtypes.h>

#include <QtWidgets/QWidget>

#include <memory>

namespace Ui {
class ProxiesPage;
}

namespace wirebench {

class ProxyConnectionListModel;
class ProxyListModel;

/**
 * The Proxies panel: the bench's proxies; beside them, the connections the
 * selected one passes (client ↔ upstream, what went each way); and its
 * faults, switched live in a FaultsPanel. Adding and editing go through a
 * ProxyDialog; everything else is asked for with a signal.
 */
class ProxiesPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ProxiesPage)

public:
    explicit ProxiesPage(QWidget *parent = nullptr);
    ~ProxiesPage() override;

    /** The proxies to show (not owned); the page keeps the selected one's connections itself. */
    void setProxyModel(ProxyListModel *model);

    /** 0 when none is selected. */
    int selectedProxyId() const;
    /** The selected proxy as of the last snapshot; a default state when none is selected. */
    ProxyState selectedProxy() const;
    QList<quint64> selectedConnections() const;
    void selectProxy(int id);

    /** What the Add Proxy dialog starts with: a server to put it in front of, and that server's framing. */
    void setDefaultUpstream(const QString &host, quint16 port, const netcore::CodecConfig &codec);

    /**
     * Shows the selected proxy's connections and faults as the model has them now; call it for each
     * snapshot, as the proxy list shows no connection's counters and so does not change with them.
     */
    void refresh();

    /** Opens the Add Proxy dialog, as its button does. */
    void addProxy();

signals:
    void addProxyRequested(const wirebench::ProxySpec &spec);
    void updateProxyRequested(int id, const wirebench::ProxySpec &spec);
    void startProxyRequested(int id);
    void stopProxyRequested(int id);
    void removeProxyRequested(int id);
    void kickRequested(int proxyId, const QList<quint64> &connections);
    /** The Record switch: record proxy @p id to @p fileName, or stop recording it (@p fileName empty). */
    void recordProxyRequested(int id, const QString &fileName);
    /** The user switched, added, edited or removed a fault of proxy @p proxyId: its faults as they are to be. */
    void faultsChangeRequested(int proxyId, const QList<wirebench::Fault> &faults);
    /** Another proxy was selected (or none). */
    void selectionChanged();

private:
    /** Asks first when a restart would end connections. */
    void onEdit();
    /** Asks first when the proxy has connections to end. */
    void onRemove();
    /** Asks for a file when switched on; off stops. */
    void onRecord(bool on);
    void updateActions();

    std::unique_ptr<Ui::ProxiesPage> m_ui;
    ProxyListModel *m_proxyModel = nullptr;
    ProxyConnectionListModel *m_connectionModel = nullptr; ///< child of the page
    ProxySpec m_defaultSpec; ///< what the Add Proxy dialog starts with
};

} // namespace wirebench
