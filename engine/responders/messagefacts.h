#pragma once

#include <netcore/message.h>
#include <netcore/messageview.h>

#include <QtCore/QByteArray>
#include <QtCore/QJsonValue>
#include <QtCore/QString>

#include <optional>

namespace wirebench {

/**
 * What a rule, a template, a script or a scenario's expectation may ask
 * of one received message: its channel, type, id and size, and its payload
 * as hex, as text and as a JSON value. It borrows the message's bytes (it
 * is only valid while they are) and works each derived form out once, when
 * first asked, so a rule that looks only at the channel decodes nothing.
 */
class MessageFacts
{
public:
    explicit MessageFacts(const netcore::MessageView &message) : m_message(message) {}
    /** Borrows @p message, which must outlive this. */
    explicit MessageFacts(const netcore::Message &message)
        : m_message(message.type(), message.payload(), {}, message.id()), m_channel(message.channel())
    {
    }

    netcore::MessageType type() const { return m_message.type(); }
    /** "binary", "text", "json" or "cbor". */
    QString typeName() const;
    quint32 id() const { return m_message.id(); }
    qsizetype size() const { return m_message.payload().size(); }
    QByteArrayView payload() const { return m_message.payload(); }
    /** "" for the default channel (the only one of every codec but the envelope). */
    const QString &channel() const;

    /** The payload in lower-case hex, no spaces. */
    const QByteArray &hex() const;
    /** Whether text() means something: text and json messages, and binary ones that are valid UTF-8. */
    bool hasText() const;
    /** The payload decoded as UTF-8 (empty when !hasText()). */
    const QString &text() const;
    /** Whether json() holds the payload's value: json and cbor messages that parse. */
    bool hasJson() const;
    /** The value of a json or cbor payload; undefined when !hasJson(). */
    const QJsonValue &json() const;

private:
    netcore::MessageView m_message;
    mutable std::optional<QString> m_channel;
    mutable std::optional<QByteArray> m_hex;
    mutable std::optional<QString> m_text;
    mutable std::optional<QJsonValue> m_json;
};

} // namespace wirebench
