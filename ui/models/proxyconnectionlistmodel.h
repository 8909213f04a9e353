#pragma once

#include <ui/models/keyedrowsmodel.h>

#include <engine/proxy/proxyconnectionstate.h>

namespace wirebench {

/**
 * The connections one proxy passes, one row each: the client's address, the
 * proxy's end towards the upstream, and what went each way. Kept in step
 * with snapshots by connection id (see KeyedRowsModel).
 */
class ProxyConnectionListModel : public KeyedRowsModel<ProxyConnectionState>
{
    Q_OBJECT
    Q_DISABLE_COPY(ProxyConnectionListModel)

public:
    enum Columns {
        IdColumn,
        ClientColumn,
        UpstreamColumn,
        MessagesC2sColumn,
        MessagesS2cColumn,
        BytesC2sColumn,
        BytesS2cColumn,
        ColumnCount
    };
    Q_ENUM(Columns)

    enum Roles {
        ConnectionIdRole = Qt::UserRole, ///< quint64 ProxyConnectionState::id
    };
    Q_ENUM(Roles)

    explicit ProxyConnectionListModel(QObject *parent = nullptr);
    ~ProxyConnectionListModel() override;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** Applies a full snapshot of the proxy's connections; an empty list empties the model. */
    void setConnections(const QList<ProxyConnectionState> &connections);
    /** The connection shown at @p row; a default one if out of range. */
    ProxyConnectionState connection(int row) const;
    /** The row of connection @p id, or -1. */
    int rowOfConnection(quint64 id) const;

protected:
    Key keyOf(const ProxyConnectionState &connection) const override;
    quint32 changedColumns(const ProxyConnectionState &before, const ProxyConnectionState &after) const override;

private:
    QVariant displayData(const ProxyConnectionState &connection, int column) const;
};

} // namespace wirebench
