#pragma once

#include <engine/benchtypes.h>

#include <QtCore/QByteArray>

namespace wirebench {

/**
 * One message log entry as a record of a log file, the format that
 * File > Export writes. Every record has these fields, in this order:
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
 * entry, "\r\n" line ends, fields with a comma, a quote or a line break
 * quoted with quotes doubled; "text" is empty for binary and cbor.
 */
class LogRecord
{
public:
    enum class Format { JsonLines, Csv };

    /** What goes before the first record: the CSV header line; nothing for JSON Lines. */
    static QByteArray header(Format format);
    /** Appends @p entry as one record, its line end included. */
    static void append(QByteArray *out, const LogEntry &entry, Format format);
};

} // namespace wirebench
