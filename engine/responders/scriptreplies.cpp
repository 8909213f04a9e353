#include "scriptreplies.h"

#include "replytemplate.h"

#include <QtCore/QJsonValue>
#include <QtQml/QJSEngine>

namespace wirebench {

bool ScriptReplies::toMessage(QJSEngine &engine, const QJSValue &value, const netcore::Message &answering,
                              netcore::Message *message, QString *error)
{
    return ReplyTemplate::toMessage(engine.fromScriptValue<QJsonValue>(value), answering, message, error);
}

bool ScriptReplies::toMessages(QJSEngine &engine, const QJSValue &value, const netcore::Message &answering,
                               QList<netcore::Message> *messages, QString *error)
{
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isArray()) {
        netcore::Message message;
        if (!toMessage(engine, value, answering, &message, error))
            return false;
        messages->append(message);
        return true;
    }
    const int count = value.property(QStringLiteral("length")).toInt();
    QList<netcore::Message> made;
    made.reserve(count);
    for (int i = 0; i < count; ++i) {
        netcore::Message message;
        QString why;
        if (!toMessage(engine, value.property(quint32(i)), answering, &message, &why)) {
            *error = QStringLiteral("[%1]: %2").arg(i).arg(why);
            return false;
        }
        made.append(message);
    }
    messages->append(made);
    return true;
}

} // namespace wirebench
