#include "replaydiffmodel.h"

#include <engine/recording/differencereport.h>

#include <QtGui/QColor>

namespace wirebench {

ReplayDiffModel::ReplayDiffModel(QObject *parent) : QAbstractTableModel(parent) {}

ReplayDiffModel::~ReplayDiffModel() = default;

int ReplayDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(qMax(m_expected.size(), m_got.size()));
}

int ReplayDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReplayDiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const QList<netcore::Message> &side = index.column() == ExpectedColumn ? m_expected : m_got;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        if (index.column() == NumberColumn)
            return row + 1;
        if (row < side.size())
            return DifferenceReport::messageText(side.at(row));
        return index.column() == ExpectedColumn ? tr("(nothing recorded)") : tr("(nothing came)");
    case Qt::BackgroundRole:
        // Translucent: reads on a light and a dark theme alike.
        return m_differenceOfRow.contains(row) ? QVariant(QColor(220, 40, 40, 70)) : QVariant();
    case DifferenceRole:
        return m_differenceOfRow.value(row, -1);
    default:
        return {};
    }
}

QVariant ReplayDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn: return tr("s2c");
    case ExpectedColumn: return tr("Expected (recorded)");
    case GotColumn: return tr("Got (this replay)");
    default: return {};
    }
}

void ReplayDiffModel::setConversation(const Conversation &expected, const Conversation &got, int number,
                                      const QList<Difference> &differences, const CompareOptions &options)
{
    beginResetModel();
    const ConversationComparer comparer(options);
    m_expected = comparer.compared(expected, ProxyDirection::ServerToClient);
    m_got = comparer.compared(got, ProxyDirection::ServerToClient);
    m_differenceOfRow.clear();
    for (int i = 0; i < differences.size(); ++i) {
        const Difference &difference = differences.at(i);
        if (difference.conversation == number && difference.direction == ProxyDirection::ServerToClient
            && difference.number > 0)
            m_differenceOfRow.insert(difference.number - 1, i);
    }
    endResetModel();
}

void ReplayDiffModel::clear()
{
    beginResetModel();
    m_expected.clear();
    m_got.clear();
    m_differenceOfRow.clear();
    endResetModel();
}

int ReplayDiffModel::rowOf(const Difference &difference) const
{
    return difference.number > 0 && difference.number <= rowCount() ? difference.number - 1 : -1;
}

int ReplayDiffModel::markedRows() const
{
    return int(m_differenceOfRow.size());
}

} // namespace wirebench
