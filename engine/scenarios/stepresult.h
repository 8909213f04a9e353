#pragma once

#include <QtCore/QMetaType>
#include <QtCore/QString>

namespace wirebench {

/**
 * How one step of a scenario went: what a report prints, and what the
 * GUI's Scenarios panel paints green or red beside the step.
 */
struct StepResult
{
    enum class Status { Passed, Failed, Skipped };

    QString path;              ///< where the step is in the file: "steps[3].steps[1]"
    QString iteration;         ///< inside a repeat, which pass: "repeat 2 of 3"; empty outside
    QString summary;           ///< what the step does: `expect alice channel "login"`
    Status status = Status::Skipped;
    qint64 elapsedMsecs = 0;
    QString detail;            ///< for a failure: what was expected and what came instead

    /** The path with the pass, as a failure names it: "steps[3].steps[1] (repeat 2 of 3)". */
    QString place() const { return iteration.isEmpty() ? path : QStringLiteral("%1 (%2)").arg(path, iteration); }

    /** "passed", "failed" or "skipped": stable, for tools. */
    static QString statusName(Status status)
    {
        switch (status) {
        case Status::Passed: return QStringLiteral("passed");
        case Status::Failed: return QStringLiteral("failed");
        case Status::Skipped: return QStringLiteral("skipped");
        }
        return {};
    }
};

} // namespace wirebench

Q_DECLARE_METATYPE(wirebench::StepResult)
