#pragma once

#include <engine/scenarios/stepresult.h>

#include <QtCore/QAbstractTableModel>
#include <QtCore/QList>
#include <QtGui/QColor>

namespace wirebench {

/**
 * The Scenarios panel's steps: a row per step result as a run reports them
 * (steps in a repeat once per pass, the repeat after its body), and a last
 * "running" row for the step under way, which its result replaces. The
 * result column is painted with the colours the page gives for the theme.
 */
class ScenarioResultsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY(ScenarioResultsModel)

public:
    enum Columns { StepColumn, ActionColumn, ResultColumn, TimeColumn, DetailColumn, ColumnCount };
    Q_ENUM(Columns)

    enum Roles {
        StatusRole = Qt::UserRole, ///< int(StepResult::Status), or runningStatus for the step under way
        ResultRole,                ///< the StepResult (QVariant::fromValue)
    };
    Q_ENUM(Roles)

    /** StatusRole of the row of the step under way. */
    static constexpr int runningStatus = -1;

    explicit ScenarioResultsModel(QObject *parent = nullptr);
    ~ScenarioResultsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void clear();
    /** Shows the step at @p path (doing @p summary) as running, in place of the one shown running before. */
    void stepStarted(const QString &path, const QString &iteration, const QString &summary);
    /** Appends @p result, in place of the running row when that is the same step. */
    void addResult(const StepResult &result);

    /** The colours of passed, failed and skipped results: the theme's, readable on its base. */
    void setStatusColors(const QColor &passed, const QColor &failed, const QColor &skipped);

    /** The result at @p row (the running row: status Skipped, no time); a default one if out of range. */
    StepResult result(int row) const;
    /** Whether the last row is a step under way. */
    bool hasRunningRow() const { return m_running; }

    /** "passed", "failed", "skipped", "running…" (translated). */
    static QString statusText(int status);

private:
    QVariant colorOf(int status) const;
    void dropRunningRow();

    QList<StepResult> m_rows;
    bool m_running = false; ///< the last of m_rows is the step under way
    QColor m_passedColor;
    QColor m_failedColor;
    QColor m_skippedColor;
};

} // namespace wirebench
