#include "payloadlibrarymodel.h"

namespace wirebench {

PayloadLibraryModel::PayloadLibraryModel(QObject *parent) : QAbstractTableModel(parent) {}

PayloadLibraryModel::~PayloadLibraryModel() = default;

int PayloadLibraryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_payloads.size());
}

int PayloadLibraryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PayloadLibraryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SavedPayload &payload = m_payloads.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case NameColumn:
            return payload.name;
        case KindColumn:
            return payload.kind;
        case ChannelColumn:
            return payload.channel;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        // The content is what tells two payloads apart; a glimpse of it is enough.
        return payload.content.left(500);
    case PayloadRole:
        return QVariant::fromValue(payload);
    default:
        return {};
    }
}

QVariant PayloadLibraryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case KindColumn:
        return tr("Kind");
    case ChannelColumn:
        return tr("Channel");
    default:
        return {};
    }
}

Qt::ItemFlags PayloadLibraryModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == NameColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool PayloadLibraryModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != NameColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString name = value.toString().trimmed();
    if (name.isEmpty())
        return false;
    if (name == m_payloads.at(index.row()).name)
        return true;
    m_payloads[index.row()].name = name;
    emit dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole, PayloadRole});
    return true;
}

bool PayloadLibraryModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > int(m_payloads.size()))
        return false;
    beginRemoveRows(QModelIndex(), row, row + count - 1);
    m_payloads.remove(row, count);
    endRemoveRows();
    return true;
}

bool PayloadLibraryModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                                   const QModelIndex &destinationParent, int destinationChild)
{
    const int size = int(m_payloads.size());
    if (sourceParent.isValid() || destinationParent.isValid() || count <= 0 || sourceRow < 0
        || sourceRow + count > size || destinationChild < 0 || destinationChild > size)
        return false;
    // Into itself, or before the row after it: beginMoveRows() refuses, nothing would change.
    if (!beginMoveRows(QModelIndex(), sourceRow, sourceRow + count - 1, QModelIndex(), destinationChild))
        return false;
    const QList<SavedPayload> moving = m_payloads.mid(sourceRow, count);
    m_payloads.remove(sourceRow, count);
    const int to = destinationChild > sourceRow ? destinationChild - count : destinationChild;
    for (int i = 0; i < count; ++i)
        m_payloads.insert(to + i, moving.at(i));
    endMoveRows();
    return true;
}

void PayloadLibraryModel::setPayloads(const QList<SavedPayload> &payloads)
{
    beginResetModel();
    m_payloads = payloads;
    endResetModel();
}

QList<SavedPayload> PayloadLibraryModel::payloads() const
{
    return m_payloads;
}

void PayloadLibraryModel::add(const SavedPayload &payload)
{
    const int row = int(m_payloads.size());
    beginInsertRows(QModelIndex(), row, row);
    m_payloads.append(payload);
    endInsertRows();
}

SavedPayload PayloadLibraryModel::payload(int row) const
{
    if (row < 0 || row >= int(m_payloads.size()))
        return {};
    return m_payloads.at(row);
}

} // namespace wirebench
