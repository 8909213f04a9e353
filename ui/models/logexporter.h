#pragma once

#include <engine/logrecord.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

QT_BEGIN_NAMESPACE
class QAbstractItemModel;
class QIODevice;
QT_END_NAMESPACE

namespace wirebench {

/**
 * Writes the message log to a file, one LogRecord per row the given model
 * shows, in the model's order. Rows are read through
 * MessageLogModel::EntryRole, so exporting a MessageLogFilterModel writes
 * exactly what the log shows.
 */
class LogExporter
{
    Q_DECLARE_TR_FUNCTIONS(LogExporter)

public:
    /** False, with @p error set (if not null), when the model has no log entries or the device fails. */
    static bool exportJsonLines(const QAbstractItemModel *model, QIODevice *device, QString *error = nullptr);
    /** As exportJsonLines(), in CSV. */
    static bool exportCsv(const QAbstractItemModel *model, QIODevice *device, QString *error = nullptr);

private:
    static bool exportRows(const QAbstractItemModel *model, QIODevice *device, QString *error,
                           LogRecord::Format format);
};

} // namespace wirebench
