#pragma once

#include <engine/benchtypes.h>

#include <QtWidgets/QWidget>

#include <memory>

namespace Ui {
class ServersPage;
}

namespace wirebench {

class ConnectionListModel;
class ServerListModel;

/**
 * The hosted servers and, below them, the live clients of the selected one.
 * Adding and editing go through a ServerDialog; everything else is asked for
 * with a signal. The selected server and connections are the composer's
 * "server connections" and "broadcast" targets.
 */
class ServersPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ServersPage)

public:
    explicit ServersPage(QWidget *parent = nullptr);
    ~ServersPage() override;

    /** The servers to show (not owned); the page keeps the selected one's connections itself. */
    void setServerModel(ServerListModel *model);

    /** 0 when none is selected. */
    int selectedServerId() const;
    /** The selected server as of the last snapshot; a default state when none is selected. */
    ServerState selectedServer() const;
    QString selectedServerName() const;
    QList<quint64> selectedConnections() const;

    void selectServer(int id);
    void selectConnections(const QList<quint64> &ids);

    /** The framing the Add Server dialog starts with. */
    void setDefaultCodec(const netcore::CodecConfig &codec) { m_defaultCodec = codec; }

    /** Shows the selected server's connections as the server model has them now. */
    void refreshConnections();

    /** Opens the Add Server dialog, as its button does; new servers start in Echo mode. */
    void addServer();

signals:
    void addServerRequested(const wirebench::ServerSpec &spec);
    void updateServerRequested(int id, const wirebench::ServerSpec &spec);
    void startServerRequested(int id);
    void stopServerRequested(int id);
    void pauseServerRequested(int id, bool paused);
    void removeServerRequested(int id);
    void kickRequested(int serverId, const QList<quint64> &connections);
    /** The Record switch: record server @p id to @p fileName, or stop recording it (@p fileName empty). */
    void recordServerRequested(int id, const QString &fileName);
    /** Another server or other connections selected, or the selected server's connections or settings changed. */
    void selectionChanged();

private:
    /** Asks first when a restart would drop clients; a failed server is started again. */
    void onEdit();
    /** Asks first when the server has clients to lose. */
    void onRemove();
    void onServerRowsInserted();
    /** Asks for a file when switched on; off stops. */
    void onRecord(bool on);
    void updateActions();

    std::unique_ptr<Ui::ServersPage> m_ui;
    ServerListModel *m_serverModel = nullptr;
    ConnectionListModel *m_connectionModel = nullptr; ///< child of the page
    ServerSpec m_shownSpec; ///< the selected server's settings as refreshConnections() last saw them
    netcore::CodecConfig m_defaultCodec;
};

} // namespace wirebench
