#include "scenarioresultsmodel.h"

namespace wirebench {

ScenarioResultsModel::ScenarioResultsModel(QObject *parent) : QAbstractTableModel(parent) {}

ScenarioResultsModel::~ScenarioResultsModel() = default;

int ScenarioResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ScenarioResultsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ScenarioResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StepResult &row = m_rows.at(index.row());
    const bool running = m_running && index.row() == m_rows.size() - 1;
    const int status = running ? runningStatus : int(row.status);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StepColumn: return row.place();
        case ActionColumn: return row.summary;
        case ResultColumn: return statusText(status);
        case TimeColumn: return running ? QVariant() : QVariant(row.elapsedMsecs);
        case DetailColumn: return row.detail;
        }
        break;
    case Qt::ToolTipRole:
        // The detail of a failure is long: the whole of it where the column cuts it.
        if (index.column() == DetailColumn || index.column() == ActionColumn)
            return data(index, Qt::DisplayRole);
        break;
    case Qt::ForegroundRole:
        if (index.column() == ResultColumn || (index.column() == DetailColumn && status == int(StepResult::Status::Failed)))
            return colorOf(status);
        break;
    case Qt::DecorationRole:
        if (index.column() == ResultColumn)
            return colorOf(status); // a swatch: green, red or grey at a glance; none while running
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == TimeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case StatusRole: return status;
    case ResultRole: return QVariant::fromValue(row);
    }
    return {};
}

QVariant ScenarioResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StepColumn: return tr("Step");
    case ActionColumn: return tr("Action");
    case ResultColumn: return tr("Result");
    case TimeColumn: return tr("ms");
    case DetailColumn: return tr("What came instead");
    }
    return {};
}

void ScenarioResultsModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_running = false;
    endResetModel();
}

void ScenarioResultsModel::stepStarted(const QString &path, const QString &iteration, const QString &summary)
{
    dropRunningRow(); // a repeat's row gives way to its body's; its result comes after them
    StepResult running;
    running.path = path;
    running.iteration = iteration;
    running.summary = summary;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(running);
    m_running = true;
    endInsertRows();
}

void ScenarioResultsModel::addResult(const StepResult &result)
{
    if (m_running && m_rows.last().path == result.path && m_rows.last().iteration == result.iteration) {
        const int row = int(m_rows.size() - 1);
        m_rows.last() = result;
        m_running = false;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    dropRunningRow();
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(result);
    endInsertRows();
}

void ScenarioResultsModel::setStatusColors(const QColor &passed, const QColor &failed, const QColor &skipped)
{
    m_passedColor = passed;
    m_failedColor = failed;
    m_skippedColor = skipped;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, ResultColumn), index(rowCount() - 1, DetailColumn),
                         {Qt::ForegroundRole, Qt::DecorationRole});
}

StepResult ScenarioResultsModel::result(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : StepResult();
}

QString ScenarioResultsModel::statusText(int status)
{
    switch (status) {
    case int(StepResult::Status::Passed): return tr("passed");
    case int(StepResult::Status::Failed): return tr("failed");
    case int(StepResult::Status::Skipped): return tr("skipped");
    }
    return tr("running…");
}

QVariant ScenarioResultsModel::colorOf(int status) const
{
    QColor color;
    switch (status) {
    case int(StepResult::Status::Passed): color = m_passedColor; break;
    case int(StepResult::Status::Failed): color = m_failedColor; break;
    case int(StepResult::Status::Skipped): color = m_skippedColor; break;
    }
    return color.isValid() ? QVariant(color) : QVariant(); // no colours given: the view's own
}

void ScenarioResultsModel::dropRunningRow()
{
    if (!m_running)
        return;
    const int row = int(m_rows.size() - 1);
    beginRemoveRows({}, row, row);
    m_rows.removeLast();
    m_running = false;
    endRemoveRows();
}

} // namespace wirebench
