#include "faultlistmodel.h"

#include <ui/models/faulttext.h>

namespace wirebench {

FaultListModel::FaultListModel(QObject *parent) : QAbstractTableModel(parent) {}

FaultListModel::~FaultListModel() = default;

int FaultListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_faults.size());
}

int FaultListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FaultListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Fault &fault = m_faults.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KindColumn: return FaultText::kind(fault.kind);
        case ParametersColumn: return FaultText::parameters(fault);
        case DirectionsColumn: return FaultText::directions(fault.directions);
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == KindColumn)
            return fault.enabled ? tr("%1: on").arg(FaultText::explanation(fault.kind))
                                 : tr("%1: off").arg(FaultText::explanation(fault.kind));
        return data(index, Qt::DisplayRole);
    case Qt::CheckStateRole:
        if (index.column() == KindColumn)
            return fault.enabled ? Qt::Checked : Qt::Unchecked;
        return {};
    default:
        return {};
    }
}

bool FaultListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || index.column() != KindColumn || role != Qt::CheckStateRole)
        return false;
    const bool enabled = value.value<Qt::CheckState>() == Qt::Checked;
    Fault &fault = m_faults[index.row()];
    if (fault.enabled == enabled)
        return true;
    fault.enabled = enabled;
    emit dataChanged(index, index, {Qt::CheckStateRole, Qt::ToolTipRole});
    emit faultsEdited(m_faults);
    return true;
}

Qt::ItemFlags FaultListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == KindColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant FaultListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KindColumn: return tr("Fault");
    case ParametersColumn: return tr("Parameters");
    case DirectionsColumn: return tr("Applies");
    default: return {};
    }
}

void FaultListModel::setFaults(const QList<Fault> &faults)
{
    const int kept = int(qMin(m_faults.size(), faults.size()));
    if (faults.size() < m_faults.size()) {
        beginRemoveRows(QModelIndex(), kept, int(m_faults.size()) - 1);
        m_faults.resize(kept);
        endRemoveRows();
    }
    for (int row = 0; row < kept; ++row) {
        if (m_faults.at(row) != faults.at(row)) {
            m_faults[row] = faults.at(row);
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    if (faults.size() > m_faults.size()) {
        beginInsertRows(QModelIndex(), kept, int(faults.size()) - 1);
        m_faults.append(faults.mid(kept));
        endInsertRows();
    }
}

Fault FaultListModel::fault(int row) const
{
    return row >= 0 && row < m_faults.size() ? m_faults.at(row) : Fault();
}

} // namespace wirebench
