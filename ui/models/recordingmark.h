#pragma once

#include <QtCore/QCoreApplication>
#include <QtGui/QIcon>

namespace wirebench {

/**
 * How the lists and the Record switches show that something is being
 * recorded: a red dot, and the file in the tooltip.
 */
class RecordingMark
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::RecordingMark)

public:
    /** A red dot, drawn (no theme has one everywhere). */
    static QIcon icon();
    /** "recording to FILE" for a non-empty @p fileName; empty otherwise. */
    static QString toolTip(const QString &fileName);
    /** @p text with toolTip() on a line of its own when recording. */
    static QString withToolTip(const QString &text, const QString &fileName);
};

} // namespace wirebench
