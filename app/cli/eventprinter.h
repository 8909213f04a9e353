#pragma once

#include <netcore/enums.h>

#include <QtCore/QJsonValue>
#include <QtCore/QList>
#include <QtCore/QString>

#include <utility>

namespace netcore {
struct Error;
class Message;
}

namespace wirebench::cli {

class CommandLine;

/**
 * Writes connection events to stdout, one line each, flushed per line, so a
 * driving process sees every event as it happens. The one place both serve
 * and send (and demo) format events.
 *
 * Jsonl: one JSON object per line, keys in a fixed order, starting with
 * "event", "conn" and "peer":
 * @code
 * {"event":"message","conn":1,"peer":"127.0.0.1:50412","channel":"chat","type":"text",
 *  "id":7,"size":2,"payload_hex":"6869","text":"hi"}
 * @endcode
 * "conn" is left out where there is no connection (0): refused peers,
 * server-wide errors. Text: a timestamped, readable line per event.
 * None: nothing.
 */
class EventPrinter
{
public:
    enum class Format { Jsonl, Text, None };
    /** An event's fields after "event", "conn" and "peer", in order. */
    using Fields = QList<std::pair<QString, QJsonValue>>;

    /** "jsonl", "text" or "none"; false if @p name is none of them. */
    static bool parseFormat(const QString &name, Format *format);
    /** The --events option of @p commandLine (jsonl if not given); false, with @p error, for another word. */
    static bool readFormat(const CommandLine &commandLine, Format *format, QString *error);

    /** @p source names the printing side (e.g. "alice") when several share stdout. */
    explicit EventPrinter(Format format = Format::Jsonl, QString source = {});

    Format format() const { return m_format; }

    void connected(quint64 connection, const QString &peer) const;
    void disconnected(quint64 connection, const QString &peer, netcore::DisconnectReason reason,
                      const QString &detail) const;
    /** A peer the server did not accept (max clients, filter). */
    void refused(const QString &peer, const QString &reason) const;
    void message(quint64 connection, const QString &peer, const netcore::Message &message) const;
    void error(quint64 connection, const QString &peer, const netcore::Error &error) const;
    /** A responder could not answer a message: @p code "ScriptError" or "RuleError". */
    void responderError(quint64 connection, const QString &peer, const QString &code, const QString &message) const;
    /** A line a responder's script printed with console.log(). */
    void log(quint64 connection, const QString &peer, const QString &text) const;

    /** Writes @p line and a newline to stdout and flushes, whatever the format. */
    static void printLine(const QString &line);

    /** A message's fields, as message() prints them ("channel", "type", ..., "payload_hex", ...). */
    static Fields messageFields(const netcore::Message &message);
    /** A message as the text format shows it: type, channel, id, size and a preview of the payload. */
    static QString messageSummary(const netcore::Message &message);
    /** An error's fields ("code", "message", "raw_hex" if it kept the frame) and its text summary. */
    static Fields errorFields(const netcore::Error &error, QString *summary);

    /**
     * Any event: @p fields after "event", "conn" and "peer"; @p summary is what the text format
     * shows after the event's name. Thread-safe: each event is one write of a whole line.
     */
    void print(const QString &event, quint64 connection, const QString &peer, const Fields &fields,
               const QString &summary) const;

    Format m_format = Format::Jsonl;
    QString m_source;
};

} // namespace wirebench::cli
