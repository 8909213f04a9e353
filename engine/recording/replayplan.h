#pragma once

#include <engine/recording/conversation.h>

#include <netcore/message.h>

#include <QtCore/QList>
#include <QtCore/QStringList>

#include <optional>

namespace wirebench {

/**
 * What the recorded server did in one conversation, turn by turn, for a
 * replay of the server side (ReplayServerConnection). Turn 0 is the
 * greeting: the answers recorded before the client's first message. Turn k
 * (k >= 1) is the client's k-th message and the answers recorded after it,
 * up to the next one. Gaps are the recorded ones from the turn's trigger
 * (the connect for turn 0, the client's message after that):
 *
 *     t_us  dir                         turn  gapUs
 *        0  connected                   0
 *      100  s2c "hello"                 0       100
 *     1000  c2s "GET a"                 1
 *     1300  s2c "a is 1"                1       300
 *     1350  s2c "done"                  1       350
 *     2000  c2s "QUIT"                  2
 *     2010  disconnected side server    2  close 10
 *
 * Client messages on ignored channels are no turn of their own: their
 * answers stay with the turn before, as if the client had not sent them.
 */
struct ReplayPlan
{
    struct Answer
    {
        netcore::Message message;
        qint64 gapUs = 0;            ///< after the turn's trigger, as recorded
    };

    struct Turn
    {
        std::optional<netcore::Message> request; ///< the client's message that starts it; none for the greeting
        QList<Answer> answers;
        std::optional<qint64> closeGapUs;        ///< the server closed the connection this long after the trigger
    };

    QList<Turn> turns;               ///< never empty: turns[0] is the greeting, maybe with no answers

    /** The client messages the recording expects (turns past the greeting). */
    int requestCount() const { return int(turns.size()) - 1; }

    /** The plan of @p conversation; client messages on @p ignoreChannels start no turn. */
    static ReplayPlan fromConversation(const Conversation &conversation, const QStringList &ignoreChannels);
};

} // namespace wirebench
