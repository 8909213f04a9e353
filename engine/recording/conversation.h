#pragma once

#include <engine/recording/recordedevent.h>

#include <QtCore/QList>

#include <optional>

namespace wirebench {

/** One connection of a recording: its messages both ways, in order, and how it ended. */
struct Conversation
{
    quint64 connection = 0;
    QString peer;
    qint64 startUs = 0;                     ///< its "connected", or its first event
    QList<RecordedEvent> messages;          ///< both directions, in the recording's order
    std::optional<RecordedEvent> end;       ///< its "disconnected"; none if it was open when the recording stopped

    /** Whether the server ended it in the recording (not the client, a proxy or the network). */
    bool closedByServer() const { return end && end->side == QLatin1String("server"); }
    /** Its messages that went @p direction, in order. */
    QList<netcore::Message> messagesOf(ProxyDirection direction) const;
};

} // namespace wirebench
