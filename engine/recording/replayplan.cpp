#include "replayplan.h"

namespace wirebench {

ReplayPlan ReplayPlan::fromConversation(const Conversation &conversation, const QStringList &ignoreChannels)
{
    ReplayPlan plan;
    plan.turns.append(Turn{});
    qint64 triggerUs = conversation.startUs;
    for (const RecordedEvent &event : conversation.messages) {
        if (event.direction == ProxyDirection::ClientToServer) {
            if (ignoreChannels.contains(event.message.channel()))
                continue;
            Turn turn;
            turn.request = event.message;
            plan.turns.append(turn);
            triggerUs = event.timeUs;
        } else if (event.direction == ProxyDirection::ServerToClient) {
            plan.turns.last().answers.append(Answer{event.message, qMax<qint64>(0, event.timeUs - triggerUs)});
        }
    }
    // Nothing follows a server's close: it belongs to the last turn, after its answers.
    if (conversation.closedByServer())
        plan.turns.last().closeGapUs = qMax<qint64>(0, conversation.end->timeUs - triggerUs);
    return plan;
}

} // namespace wirebench
