#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

QT_BEGIN_NAMESPACE
class QAbstractItemModel;
class QIODevice;
QT_END_NAMESPACE

namespace wirebench {

/**
 * Writes the message log to a file, one record per row the given model
 * shows, in the model's order. Rows are read through
 * MessageLogModel::EntryRole, so exporting a MessageLogFilterModel writes
 * exactly what the log shows.
 *
 * Every record has these fields, in this order:
 *
 * | field       | value                                                   |
 * |-------------|---------------------------------------------------------|
 * | time        | UTC, ISO 8601 with milliseconds: 2024-05-01T10:00:00.123Z |
 * | direction   | "in" or "out"                                           |
 * | endpoint    | "server 1 #3 127.0.0.1:50000", "client 2"               |
 * | channel     | "" for the default channel                              |
 * | type        | "binary", "text", "json" or "cbor"                      |
 * | id          | the message id                                          |
 * | size        | the payload's real size in bytes                        |
 * | payload_hex | the payload the log kept, lower-case hex, no separators |
 * | text        | the payload as UTF-8 text: text and json only           |
 *
 * JSON Lines: one compact JSON object per line ("\n"); "text" is left out
 * for binary and cbor. CSV (RFC 4180): a header line, then one line per
 * row, "\r\n" line ends, fields with a comma, a quote or a line break
 * quoted with quotes doubled; "text" is empty for binary and cbor.
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
    enum class Format { JsonLines, Csv };
    static bool exportRows(const QAbstractItemModel *model, QIODevice *device, QString *error, Format format);
};

} // namespace wirebench
