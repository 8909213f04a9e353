#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

class QWidget;

namespace wirebench {

/**
 * The file dialogs of recordings (docs/recording.md, JSON Lines): where to
 * write a new one, which one to open. They start in the folder used last.
 */
class RecordingFileDialog
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::RecordingFileDialog)

public:
    /**
     * Asks where to write a recording of @p what ("server 1"), titled @p caption; adds ".jsonl" to a
     * name without a suffix. Empty if cancelled.
     */
    static QString askForNew(QWidget *parent, const QString &caption, const QString &what);
    /** Asks for a recording to read, titled @p caption. Empty if cancelled. */
    static QString askForExisting(QWidget *parent, const QString &caption);
};

} // namespace wirebench
