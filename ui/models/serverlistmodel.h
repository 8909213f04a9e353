#pragma once

#include <ui/models/keyedrowsmodel.h>

#include <engine/benchtypes.h>

namespace wirebench {

/**
 * The hosted servers, one row each, kept in step with the bench's
 * snapshots: setServers() updates rows in place by server id and only
 * inserts or removes rows for servers that came or went.
 */
class ServerListModel : public KeyedRowsModel<ServerState>
{
    Q_OBJECT
    Q_DISABLE_COPY(ServerListModel)

public:
    enum Columns { NameColumn, AddressColumn, CodecColumn, ModeColumn, StateColumn, ClientsColumn, ColumnCount };
    Q_ENUM(Columns)

    enum Roles {
        ServerIdRole = Qt::UserRole, ///< int ServerState::id
    };
    Q_ENUM(Roles)

    explicit ServerListModel(QObject *parent = nullptr);
    ~ServerListModel() override;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** Applies a full snapshot of every server (see KeyedRowsModel). */
    void setServers(const QList<ServerState> &servers);
    /** The server shown at @p row; a default state if out of range. */
    ServerState server(int row) const;
    /** The row of server @p id, or -1. */
    int rowOfServer(int id) const;

    /** The server's name, "server <id>" when it has none. */
    static QString displayName(const ServerState &server);

protected:
    Key keyOf(const ServerState &server) const override;
    quint32 changedColumns(const ServerState &before, const ServerState &after) const override;

private:
    QVariant displayData(const ServerState &server, int column) const;
    QString stateText(const ServerState &server) const;
};

} // namespace wirebench
