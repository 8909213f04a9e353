#include "proxyconnectionlistmodel.h"

#include <ui/models/messageformat.h>

namespace wirebench {

namespace {

constexpr int c2s = 0; // ProxyConnectionState's counters are indexed by ProxyDirection
constexpr int s2c = 1;

} // namespace

ProxyConnectionListModel::ProxyConnectionListModel(QObject *parent) : KeyedRowsModel(ColumnCount, parent) {}

ProxyConnectionListModel::~ProxyConnectionListModel() = default;

QVariant ProxyConnectionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProxyConnectionState &connection = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(connection, index.column());
    case Qt::ToolTipRole:
        switch (index.column()) {
        case IdColumn:
            return tr("Opened at %1").arg(connection.openedAt.toLocalTime().toString(Qt::ISODateWithMs));
        case UpstreamColumn:
            return connection.upstreamConnected ? tr("The proxy's end of the connection to the upstream")
                                                : tr("Connecting to the upstream");
        case BytesC2sColumn:
            return tr("%1 bytes").arg(connection.bytes[c2s]);
        case BytesS2cColumn:
            return tr("%1 bytes").arg(connection.bytes[s2c]);
        default:
            return displayData(connection, index.column());
        }
    case Qt::TextAlignmentRole:
        if (index.column() == IdColumn || index.column() >= MessagesC2sColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ConnectionIdRole:
        return QVariant::fromValue(connection.id);
    default:
        return {};
    }
}

QVariant ProxyConnectionListModel::displayData(const ProxyConnectionState &connection, int column) const
{
    switch (column) {
    case IdColumn:
        return QString::number(connection.id);
    case ClientColumn:
        return connection.clientPeer;
    case UpstreamColumn:
        return connection.upstreamConnected ? connection.upstreamLocal : tr("connecting…");
    case MessagesC2sColumn:
        return QString::number(connection.messages[c2s]);
    case MessagesS2cColumn:
        return QString::number(connection.messages[s2c]);
    case BytesC2sColumn:
        return MessageFormat::sizeText(qint64(connection.bytes[c2s]));
    case BytesS2cColumn:
        return MessageFormat::sizeText(qint64(connection.bytes[s2c]));
    default:
        return {};
    }
}

QVariant ProxyConnectionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    // Count columns are narrow: a short header, the full name as its tooltip.
    const bool full = role == Qt::ToolTipRole;
    switch (section) {
    case IdColumn: return full ? tr("Connection number") : tr("#");
    case ClientColumn: return full ? tr("The proxied client's address") : tr("Client");
    case UpstreamColumn: return full ? tr("The proxy's end towards the upstream") : tr("Upstream end");
    case MessagesC2sColumn: return full ? tr("Messages passed from the client to the server") : tr("c2s");
    case MessagesS2cColumn: return full ? tr("Messages passed from the server to the client") : tr("s2c");
    case BytesC2sColumn: return full ? tr("Bytes passed from the client to the server") : tr("Bytes c2s");
    case BytesS2cColumn: return full ? tr("Bytes passed from the server to the client") : tr("Bytes s2c");
    default: return {};
    }
}

void ProxyConnectionListModel::setConnections(const QList<ProxyConnectionState> &connections)
{
    setRowsByKey(connections);
}

ProxyConnectionState ProxyConnectionListModel::connection(int row) const
{
    return row >= 0 && row < rowCount() ? rowAt(row) : ProxyConnectionState();
}

int ProxyConnectionListModel::rowOfConnection(quint64 id) const
{
    return rowOfKey(id);
}

ProxyConnectionListModel::Key ProxyConnectionListModel::keyOf(const ProxyConnectionState &connection) const
{
    return connection.id;
}

quint32 ProxyConnectionListModel::changedColumns(const ProxyConnectionState &before,
                                                 const ProxyConnectionState &after) const
{
    quint32 columns = 0;
    if (before.openedAt != after.openedAt)
        columns |= 1u << IdColumn;
    if (before.clientPeer != after.clientPeer)
        columns |= 1u << ClientColumn;
    if (before.upstreamLocal != after.upstreamLocal || before.upstreamConnected != after.upstreamConnected)
        columns |= 1u << UpstreamColumn;
    if (before.messages[c2s] != after.messages[c2s])
        columns |= 1u << MessagesC2sColumn;
    if (before.messages[s2c] != after.messages[s2c])
        columns |= 1u << MessagesS2cColumn;
    if (before.bytes[c2s] != after.bytes[c2s])
        columns |= 1u << BytesC2sColumn;
    if (before.bytes[s2c] != after.bytes[s2c])
        columns |= 1u << BytesS2cColumn;
    return columns;
}

} // namespace wirebench
