#pragma once

#include <ui/models/keyedrowsmodel.h>

#include <engine/benchtypes.h>

namespace wirebench {

/**
 * The spawned clients, one row each, kept in step with the bench's
 * snapshots by client id (see KeyedRowsModel).
 */
class ClientListModel : public KeyedRowsModel<ClientState>
{
    Q_OBJECT
    Q_DISABLE_COPY(ClientListModel)

public:
    enum Columns {
        NameColumn,
        EndpointColumn,
        CodecColumn,
        StateColumn,
        LocalPortColumn,
        MessagesInColumn,
        MessagesOutColumn,
        BytesInColumn,
        BytesOutColumn,
        UnconfirmedColumn, ///< with delivery receipts: messages the server has not confirmed yet; empty without
        ColumnCount
    };
    Q_ENUM(Columns)

    enum Roles {
        ClientIdRole = Qt::UserRole, ///< int ClientState::id
        StateRole,                   ///< QString ClientState::state, untranslated ("connected", ...)
    };
    Q_ENUM(Roles)

    explicit ClientListModel(QObject *parent = nullptr);
    ~ClientListModel() override;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** Applies a full snapshot of every client. */
    void setClients(const QList<ClientState> &clients);
    /** The client shown at @p row; a default state if out of range. */
    ClientState client(int row) const;
    /** The row of client @p id, or -1. */
    int rowOfClient(int id) const;

protected:
    Key keyOf(const ClientState &client) const override;
    quint32 changedColumns(const ClientState &before, const ClientState &after) const override;

private:
    QVariant displayData(const ClientState &client, int column) const;
    QString stateText(const QString &state) const;
};

} // namespace wirebench
