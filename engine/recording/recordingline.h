#pragma once

#include <engine/recording/recordedevent.h>

#include <QtCore/QByteArray>
#include <QtCore/QCoreApplication>

namespace wirebench {

/**
 * A RecordedEvent as one line of a recording, and back. Keys come in a
 * fixed order: "t_us", "conn", "event", then the event's own, as the CLI's
 * events name them:
 *
 *     {"t_us":0,"conn":1,"event":"connected","peer":"127.0.0.1:50412"}
 *     {"t_us":812,"conn":1,"event":"message","dir":"c2s","channel":"","type":"text","id":0,
 *      "size":2,"payload_hex":"6869","text":"hi"}
 *     {"t_us":901,"conn":1,"event":"error","dir":"c2s","code":"InvalidJson","message":"..."}
 *     {"t_us":950,"conn":1,"event":"disconnected","side":"client","reason":"PeerClosed"}
 *
 * "payload_hex" is the payload, exact; "text" (text and json) is only for
 * people reading the file. An event of another name keeps its fields.
 */
class RecordingLine
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::RecordingLine)

public:
    /** @p event as one line, "\n" included. */
    static QByteArray format(const RecordedEvent &event);
    /** Reads one line; false, with @p error saying what is wrong (no line number), if it is not an event. */
    static bool parse(const QByteArray &line, RecordedEvent *event, QString *error);
};

} // namespace wirebench
