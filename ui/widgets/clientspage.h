#pragma once

#include <engine/benchtypes.h>

#include <QtWidgets/QWidget>

#include <memory>

namespace Ui {
class ClientsPage;
}

namespace wirebench {

class ClientListModel;

/**
 * The spawned clients with their state and counters. Spawning goes through
 * a SpawnClientsDialog; connecting, disconnecting and removing the selected
 * clients are asked for with signals. The selection is the composer's
 * "selected clients" target.
 */
class ClientsPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ClientsPage)

public:
    explicit ClientsPage(QWidget *parent = nullptr);
    ~ClientsPage() override;

    /** The clients to show (not owned). */
    void setClientModel(ClientListModel *model);

    /**
     * What the spawn dialog starts with: the selected server's address, framing, delivery receipts
     * and TLS (trusting its own certificate, right for a self-signed one). The name, count,
     * reconnect and insecure choices are kept from the last spawn, and so is everything else
     * until the target changes (another server, or new settings of this one): the same target
     * again, as every update of the servers sends it, leaves the user's last choices alone.
     */
    void setSpawnTarget(const QString &host, quint16 port, const ServerSpec &server);

    /**
     * The framing the spawn dialog starts with from now on, until setSpawnTarget() aims it at a
     * server (clients must speak their server's framing). The same codec again changes nothing,
     * so the framing of the last spawn stays.
     */
    void setDefaultCodec(const netcore::CodecConfig &codec);

    /** Opens the spawn dialog, as its button does. */
    void spawnClients();

    QList<int> selectedClientIds() const;
    void selectClients(const QList<int> &ids);
    void selectAll();

signals:
    void spawnRequested(const wirebench::ClientSpec &spec, int count);
    void connectRequested(const QList<int> &ids);
    void disconnectRequested(const QList<int> &ids);
    void removeRequested(const QList<int> &ids);
    /** The Record switch: record clients @p ids to one file @p fileName, or stop the files they are in (@p fileName empty). */
    void recordRequested(const QList<int> &ids, const QString &fileName);
    void selectionChanged();

private:
    void updateActions();
    /** Asks for a file when switched on; off stops. */
    void onRecord(bool on);
    /** Where the first selected client that records is recorded; empty if none is. */
    QString selectedRecordingFile() const;

    std::unique_ptr<Ui::ClientsPage> m_ui;
    ClientListModel *m_model = nullptr;
    ClientSpec m_spawnSpec;
    QString m_targetHost; ///< the spawn target applied last (see setSpawnTarget())
    quint16 m_targetPort = 0;
    ServerSpec m_targetServer;
    netcore::CodecConfig m_defaultCodec;
    int m_spawnCount = 3;
};

} // namespace wirebench
