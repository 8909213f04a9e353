#include "logexporter.h"

#include <ui/models/messagelogmodel.h>

#include <engine/benchtypes.h>

#include <QtCore/QAbstractItemModel>
#include <QtCore/QIODevice>

namespace wirebench {

namespace {

/** Flush to the device in chunks: one write per row would be slow, the whole log at once too big. */
constexpr qsizetype chunkBytes = 256 * 1024;

} // namespace

bool LogExporter::exportJsonLines(const QAbstractItemModel *model, QIODevice *device, QString *error)
{
    return exportRows(model, device, error, LogRecord::Format::JsonLines);
}

bool LogExporter::exportCsv(const QAbstractItemModel *model, QIODevice *device, QString *error)
{
    return exportRows(model, device, error, LogRecord::Format::Csv);
}

bool LogExporter::exportRows(const QAbstractItemModel *model, QIODevice *device, QString *error,
                             LogRecord::Format format)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!model)
        return fail(tr("There is no log to export."));
    if (!device || !device->isWritable())
        return fail(tr("The file is not open for writing."));

    const auto flush = [device](QByteArray *chunk) {
        const bool written = device->write(*chunk) == chunk->size();
        chunk->clear();
        return written;
    };
    QByteArray chunk = LogRecord::header(format);
    const int rows = model->rowCount();
    for (int row = 0; row < rows; ++row) {
        const QVariant value = model->index(row, 0).data(MessageLogModel::EntryRole);
        if (value.metaType() != QMetaType::fromType<LogEntry>())
            return fail(tr("Row %1 is not a message log entry.").arg(row + 1));
        LogRecord::append(&chunk, value.value<LogEntry>(), format);
        if (chunk.size() >= chunkBytes && !flush(&chunk))
            return fail(tr("Could not write the file: %1").arg(device->errorString()));
    }
    if (!chunk.isEmpty() && !flush(&chunk))
        return fail(tr("Could not write the file: %1").arg(device->errorString()));
    if (error)
        error->clear();
    return true;
}

} // namespace wirebench
