#pragma once

#include <netcore/enums.h>

#include <QtCore/QByteArray>
#include <QtCore/QCborValue>
#include <QtCore/QJsonDocument>
#include <QtCore/QMetaType>
#include <QtCore/QString>

namespace netcore {

/**
 * A typed message: what every codec decodes a stream into.
 *
 * Cheap to copy (payload and channel are implicitly shared). Codecs that
 * cannot carry a field on the wire leave it at its default on receive.
 */
class NETCORE_EXPORT Message
{
public:
    /** An empty binary message on the default channel, id 0. */
    Message() = default;
    Message(MessageType type, QByteArray payload, QString channel = {}, quint32 id = 0);

    static Message binary(QByteArray bytes, QString channel = {}, quint32 id = 0);
    static Message text(const QString &text, QString channel = {}, quint32 id = 0);
    /** Compact JSON text of @p document (an object or array). */
    static Message json(const QJsonDocument &document, QString channel = {}, quint32 id = 0);
    static Message cbor(const QCborValue &value, QString channel = {}, quint32 id = 0);

    MessageType type() const { return m_type; }
    const QString &channel() const { return m_channel; }
    quint32 id() const { return m_id; }
    const QByteArray &payload() const { return m_payload; }

    void setType(MessageType type) { m_type = type; }
    void setChannel(const QString &channel) { m_channel = channel; }
    void setId(quint32 id) { m_id = id; }
    void setPayload(const QByteArray &payload) { m_payload = payload; }

    /** The payload decoded as UTF-8, whatever the type. */
    QString toText() const;
    /** The payload parsed as JSON; a null document if it is not JSON. */
    QJsonDocument toJson() const;
    /** The payload parsed as CBOR; an invalid value if it is not CBOR. */
    QCborValue toCbor() const;

    friend bool operator==(const Message &a, const Message &b)
    {
        return a.m_type == b.m_type && a.m_id == b.m_id && a.m_channel == b.m_channel
            && a.m_payload == b.m_payload;
    }
    friend bool operator!=(const Message &a, const Message &b) { return !(a == b); }

private:
    MessageType m_type = MessageType::Binary;
    quint32 m_id = 0;
    QString m_channel;
    QByteArray m_payload;
};

/** A message as a server received it: from which connection. */
struct ReceivedMessage
{
    quint64 connection = 0;
    Message message;
};

} // namespace netcore

Q_DECLARE_METATYPE(netcore::Message)
Q_DECLARE_METATYPE(netcore::ReceivedMessage)
