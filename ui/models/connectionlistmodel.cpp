#include "connectionlistmodel.h"

#include <ui/models/trafficcolumns.h>

namespace wirebench {

ConnectionListModel::ConnectionListModel(QObject *parent) : KeyedRowsModel(ColumnCount, parent) {}

ConnectionListModel::~ConnectionListModel() = default;

QVariant ConnectionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const netcore::ConnectionInfo &connection = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(connection, index.column());
    case Qt::ToolTipRole:
        if (index.column() == SinceColumn)
            return connection.connectedSince.toLocalTime().toString(Qt::ISODateWithMs);
        if (const int traffic = TrafficColumns::offset(index.column(), MessagesInColumn); traffic >= 0)
            return TrafficColumns::toolTip(TrafficColumns::Counters::of(connection), traffic);
        return displayData(connection, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == IdColumn || index.column() >= MessagesInColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ConnectionIdRole:
        return QVariant::fromValue(connection.id);
    default:
        return {};
    }
}

QVariant ConnectionListModel::displayData(const netcore::ConnectionInfo &connection, int column) const
{
    if (const int traffic = TrafficColumns::offset(column, MessagesInColumn); traffic >= 0)
        return TrafficColumns::displayText(TrafficColumns::Counters::of(connection), traffic);
    switch (column) {
    case IdColumn:
        return QString::number(connection.id);
    case PeerColumn:
        return connection.peerString();
    case SinceColumn:
        return connection.connectedSince.toLocalTime().toString(QStringLiteral("hh:mm:ss"));
    default:
        return {};
    }
}

QVariant ConnectionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    // Count columns are narrow: a short header, the full name as its tooltip.
    const bool full = role == Qt::ToolTipRole;
    if (const int traffic = TrafficColumns::offset(section, MessagesInColumn); traffic >= 0)
        return TrafficColumns::header(traffic, full, TrafficColumns::Wording::ThisClient);
    switch (section) {
    case IdColumn:
        return full ? tr("Connection number") : tr("#");
    case PeerColumn:
        return full ? tr("Peer address") : tr("Peer");
    case SinceColumn:
        return full ? tr("Connected since") : tr("Since");
    default:
        return {};
    }
}

void ConnectionListModel::setConnections(const QList<netcore::ConnectionInfo> &connections)
{
    setRowsByKey(connections);
}

netcore::ConnectionInfo ConnectionListModel::connection(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return rowAt(row);
}

int ConnectionListModel::rowOfConnection(quint64 id) const
{
    return rowOfKey(id);
}

ConnectionListModel::Key ConnectionListModel::keyOf(const netcore::ConnectionInfo &connection) const
{
    return connection.id;
}

quint32 ConnectionListModel::changedColumns(const netcore::ConnectionInfo &before,
                                            const netcore::ConnectionInfo &after) const
{
    quint32 columns = 0;
    if (before.peerAddress != after.peerAddress || before.peerPort != after.peerPort)
        columns |= 1u << PeerColumn;
    if (before.connectedSince != after.connectedSince)
        columns |= 1u << SinceColumn;
    columns |= TrafficColumns::changedColumns(TrafficColumns::Counters::of(before),
                                              TrafficColumns::Counters::of(after), MessagesInColumn);
    return columns;
}

} // namespace wirebench
