#pragma once

#include <ui/models/keyedrowsmodel.h>

#include <netcore/connectioninfo.h>

namespace wirebench {

/**
 * The live clients of one server, one row per connection, kept in step
 * with snapshots by connection id (see KeyedRowsModel).
 */
class ConnectionListModel : public KeyedRowsModel<netcore::ConnectionInfo>
{
    Q_OBJECT
    Q_DISABLE_COPY(ConnectionListModel)

public:
    enum Columns {
        IdColumn,
        PeerColumn,
        SinceColumn,
        MessagesInColumn,
        MessagesOutColumn,
        BytesInColumn,
        BytesOutColumn,
        ColumnCount
    };
    Q_ENUM(Columns)

    enum Roles {
        ConnectionIdRole = Qt::UserRole, ///< quint64 ConnectionInfo::id
    };
    Q_ENUM(Roles)

    explicit ConnectionListModel(QObject *parent = nullptr);
    ~ConnectionListModel() override;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** Applies a full snapshot of the server's connections; an empty list empties the model. */
    void setConnections(const QList<netcore::ConnectionInfo> &connections);
    /** The connection shown at @p row; a default one if out of range. */
    netcore::ConnectionInfo connection(int row) const;
    /** The row of connection @p id, or -1. */
    int rowOfConnection(quint64 id) const;

protected:
    Key keyOf(const netcore::ConnectionInfo &connection) const override;
    quint32 changedColumns(const netcore::ConnectionInfo &before,
                           const netcore::ConnectionInfo &after) const override;

private:
    QVariant displayData(const netcore::ConnectionInfo &connection, int column) const;
};

} // namespace wirebench
