#pragma once

#include <engine/proxy/fault.h>

#include <netcore/message.h>

#include <QtCore/QJsonObject>
#include <QtCore/QMetaType>
#include <QtCore/QString>

#include <optional>

namespace wirebench {

/**
 * One event of a recording (see docs/recording.md): what happened on which
 * connection, when. A message's direction is the conversation's, whoever
 * recorded it: c2s from the client to the server, s2c back (ProxyDirection
 * names both). Plain data; RecordingLine writes and reads it as one line.
 */
struct RecordedEvent
{
    enum class Kind {
        Connected,    ///< "connected": peer
        Message,      ///< "message": direction, message
        Error,        ///< "error": code, text, and direction for a codec's error
        Disconnected, ///< "disconnected": side, reason, detail
        Other,        ///< any other event ("fault", "log", ...): name and extra, kept as they came
    };

    qint64 timeUs = 0;       ///< "t_us": µs since the recording started
    quint64 connection = 0;  ///< "conn": 0 where there is none
    Kind kind = Kind::Other;
    QString name;            ///< the event's name as written; for Other, what it is
    std::optional<ProxyDirection> direction; ///< "dir"
    netcore::Message message;
    QString peer;            ///< connected: the client's "HOST:PORT"
    QString side;            ///< disconnected: "client", "server" or "proxy", who ended it
    QString reason;          ///< disconnected: a DisconnectReason's name, or a proxy's reason
    QString detail;          ///< disconnected: more words on the reason, may be empty
    QString code;            ///< error: an ErrorCode's name, or "ScriptError"...
    QString text;            ///< error: the message
    QJsonObject extra;       ///< Other: its fields past "t_us", "conn" and "event"
    int line = 0;            ///< read from a file: its line there (the header is line 1)

    /** The event name @p kind is written as ("message"); empty for Other. */
    static QString kindName(Kind kind);
};

} // namespace wirebench

Q_DECLARE_METATYPE(wirebench::RecordedEvent)
