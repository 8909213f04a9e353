#pragma once

#include <ui/models/keyedrowsmodel.h>

#include <engine/benchtypes.h>

namespace wirebench {

/**
 * The bench's proxies, one row each, kept in step with the bench's
 * snapshots by proxy id (see KeyedRowsModel).
 */
class ProxyListModel : public KeyedRowsModel<ProxyState>
{
    Q_OBJECT
    Q_DISABLE_COPY(ProxyListModel)

public:
    enum Columns { NameColumn, ListenColumn, UpstreamColumn, StateColumn, ConnectionsColumn, CodecColumn, ColumnCount };
    Q_ENUM(Columns)

    enum Roles {
        ProxyIdRole = Qt::UserRole, ///< int ProxyState::id
    };
    Q_ENUM(Roles)

    explicit ProxyListModel(QObject *parent = nullptr);
    ~ProxyListModel() override;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** Applies a full snapshot of every proxy. */
    void setProxies(const QList<ProxyState> &proxies);
    /** The proxy shown at @p row; a default state if out of range. */
    ProxyState proxy(int row) const;
    /** The row of proxy @p id, or -1. */
    int rowOfProxy(int id) const;

protected:
    Key keyOf(const ProxyState &proxy) const override;
    quint32 changedColumns(const ProxyState &before, const ProxyState &after) const override;

private:
    QVariant displayData(const ProxyState &proxy, int column) const;
};

} // namespace wirebench
