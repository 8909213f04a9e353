#pragma once

#include <engine/recording/logselection.h>
#include <engine/recording/recordedevent.h>

#include <QtCore/QCoreApplication>

namespace wirebench {

/**
 * File > Save log as recording: the rows of the message log that one
 * LogSelection picks, written as a recording ("recorder":"app"). Each
 * connection is a conversation: a server's and a proxy's by their
 * connection id, a client's by its client id; a server's In and a client's
 * Out are c2s. The log keeps messages only, so each conversation gets a
 * "connected" at its first message (peer from the log's endpoint) and no
 * end: a replay of it does not wait for the server to close.
 *
 * A payload the log cut (LogEntry::isPayloadCut()) cannot be written
 * exactly, and a recording's bytes are exact: such a selection is refused,
 * not saved with holes.
 */
class LogRecordingWriter
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::LogRecordingWriter)

public:
    /** The events @p entries make for @p selection, times from the first of them; @p started gets its time. */
    static QList<RecordedEvent> events(const QList<LogEntry> &entries, const LogSelection &selection,
                                       QDateTime *started = nullptr);
    /** How many of the selected rows have a cut payload. */
    static int cutPayloads(const QList<LogEntry> &entries, const LogSelection &selection);
    /** Why @p selection cannot be saved (no row of it, a payload cut); empty if it can. */
    static QString refusal(const QList<LogEntry> &entries, const LogSelection &selection);
    /** Writes the recording of @p selection to @p fileName; false, with @p error, if refusal() or the file says no. */
    static bool save(const QList<LogEntry> &entries, const LogSelection &selection, const QString &fileName,
                     QString *error);
};

} // namespace wirebench
