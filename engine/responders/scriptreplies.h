#pragma once

#include <netcore/message.h>

#include <QtCore/QList>
#include <QtCore/QString>

class QJSEngine;
class QJSValue;

namespace wirebench {

/**
 * What a script hands back as replies, made messages: nothing
 * (undefined or null), one reply object or an array of them, each checked
 * and rendered by ReplyTemplate::toMessage() (channel and id default to
 * the answered message's).
 */
class ScriptReplies
{
public:
    /** False, with @p error saying which reply and why, if one is not a reply; then @p messages is not touched. */
    static bool toMessages(QJSEngine &engine, const QJSValue &value, const netcore::Message &answering,
                           QList<netcore::Message> *messages, QString *error);
    /** Exactly one reply (an array is refused). */
    static bool toMessage(QJSEngine &engine, const QJSValue &value, const netcore::Message &answering,
                          netcore::Message *message, QString *error);
};

} // namespace wirebench
