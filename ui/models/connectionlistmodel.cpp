#include "connectionlistmodel.h"

#include "messageformat.h"

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
        if (index.column() == BytesInColumn)
            return tr("%1 bytes").arg(connection.bytesIn);
        if (index.column() == BytesOutColumn)
            return tr("%1 bytes").arg(connection.bytesOut);
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
    switch (column) {
    case IdColumn:
        return QString::number(connection.id);
    case PeerColumn:
        return connection.peerString();
    case SinceColumn:
        return connection.connectedSince.toLocalTime().toString(QStringLiteral("hh:mm:ss"));
    case MessagesInColumn:
        return QString::number(connection.messagesIn);
    case MessagesOutColumn:
        return QString::number(connection.messagesOut);
    case BytesInColumn:
        return MessageFormat::sizeText(qint64(connection.bytesIn));
    case BytesOutColumn:
        return MessageFormat::sizeText(qint64(connection.bytesOut));
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
    switch (section) {
    case IdColumn:
        return full ? tr("Connection number") : tr("#");
    case PeerColumn:
        return full ? tr("Peer address") : tr("Peer");
    case SinceColumn:
        return full ? tr("Connected since") : tr("Since");
    case MessagesInColumn:
        return full ? tr("Messages received from this client") : tr("In");
    case MessagesOutColumn:
        return full ? tr("Messages sent to this client") : tr("Out");
    case BytesInColumn:
        return full ? tr("Bytes received from this client") : tr("Bytes in");
    case BytesOutColumn:
        return full ? tr("Bytes sent to this client") : tr("Bytes out");
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
    if (before.messagesIn != after.messagesIn)
        columns |= 1u << MessagesInColumn;
    if (before.messagesOut != after.messagesOut)
        columns |= 1u << MessagesOutColumn;
    if (before.bytesIn != after.bytesIn)
        columns |= 1u << BytesInColumn;
    if (before.bytesOut != after.bytesOut)
        columns |= 1u << BytesOutColumn;
    return columns;
}

} // namespace wirebench
