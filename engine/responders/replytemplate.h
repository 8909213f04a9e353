#pragma once

#include <engine/responders/jsonproblem.h>
#include <engine/responders/templatetext.h>

#include <netcore/message.h>

#include <QtCore/QHash>
#include <QtCore/QJsonValue>

namespace wirebench {

/**
 * One reply as rules, scripts and scenarios write it:
 *
 *     {"channel"?: "...", "id"?: N, "text" | "json" | "hex" | "cbor": ...}
 *
 * with exactly one payload key: text (a string, sent as text), json (an
 * object or array, sent as json), hex (bytes, sent as binary) or cbor (any
 * JSON value, encoded as one CBOR item). Channel and id default to the
 * message being answered (none for a greeting). Every string may hold
 * templates (TemplateText); a string in json or cbor that is one whole
 * {{json:/ptr}} takes that value with its type.
 */
class ReplyTemplate
{
public:
    enum class Strings { Templates, Literal };

    /** False, with @p problem (its path relative to @p reply), if @p reply is not a valid reply. */
    static bool parse(const QJsonValue &reply, ReplyTemplate *result, JsonProblem *problem,
                      Strings strings = Strings::Templates);
    /** A literal reply (a script's) straight to a message: parse() and render() in one. */
    static bool toMessage(const QJsonValue &reply, const netcore::Message &answering, netcore::Message *message,
                          QString *error);

    /**
     * The message to send. False, with @p error, when a rendered hex is not hex or an id not a
     * number: what the templates produced cannot be sent.
     */
    bool render(const TemplateContext &context, netcore::Message *message, QString *error) const;
    /** Whether rendering needs the connection's {{seq}} or {{peer}}. */
    bool usesConnectionState() const;

private:
    enum class Payload { Text, Json, Hex, Cbor };

    static bool parseStrings(const QJsonValue &value, const QString &path, QHash<QString, TemplateText> *templates,
                             JsonProblem *problem);
    QJsonValue renderJson(const QJsonValue &value, const TemplateContext &context) const;

    Payload m_payload = Payload::Text;
    QJsonValue m_body;           ///< the payload key's value as written
    bool m_hasChannel = false;
    QString m_channel;
    QJsonValue m_id{QJsonValue::Undefined}; ///< undefined: the answered message's; else a number or a template string
    QHash<QString, TemplateText> m_templates; ///< every string with placeholders, parsed
    TemplateText m_channelText;  ///< m_channel, parsed
    TemplateText m_idText;       ///< m_id when it is a string, parsed
    TemplateText m_bodyText;     ///< a text or hex payload, parsed
};

} // namespace wirebench
