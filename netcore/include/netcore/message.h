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
    /** A message of @p type; the payload is not checked against it (validatePayload() does that). */
    Message(MessageType type, QByteArray payload, QString channel = {}, quint32 id = 0);

    /** Opaque bytes. */
    static Message binary(QByteArray bytes, QString channel = {}, quint32 id = 0);
    /** @p text as UTF-8. */
    static Message text(const QString &text, QString channel = {}, quint32 id = 0);
    /** Compact JSON text of @p document (an object or array). */
    static Message json(const QJsonDocument &document, QString channel = {}, quint32 id = 0);
    /** @p value encoded as one CBOR item. */
    static Message cbor(const QCborValue &value, QString channel = {}, quint32 id = 0);

    /** What the payload holds. */
    MessageType type() const { return m_type; }
    /** The channel name; empty is the default channel (the only one codecs other than envelope carry). */
    const QString &channel() const { return m_channel; }
    /** A number for the application (a request id, a sequence number); only the envelope carries it. */
    quint32 id() const { return m_id; }
    /** The payload as on the wire. */
    const QByteArray &payload() const { return m_payload; }

    /** Changes the type only: the payload is neither converted nor checked. */
    void setType(MessageType type) { m_type = type; }
    /** See channel(). */
    void setChannel(const QString &channel) { m_channel = channel; }
    /** See id(). */
    void setId(quint32 id) { m_id = id; }
    /** Replaces the payload (shared, not copied). */
    void setPayload(const QByteArray &payload) { m_payload = payload; }

    /** The payload decoded as UTF-8, whatever the type. */
    QString toText() const;
    /** The payload parsed as JSON; a null document if it is not JSON. */
    QJsonDocument toJson() const;
    /** The payload parsed as CBOR; an invalid value if it is not CBOR. */
    QCborValue toCbor() const;

    /** Equal when type, channel, id and payload are. */
    friend bool operator==(const Message &a, const Message &b)
    {
        return a.m_type == b.m_type && a.m_id == b.m_id && a.m_channel == b.m_channel
            && a.m_payload == b.m_payload;
    }
    /** Type, channel, id or payload differs. */
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
    /** The server connection it came from (ConnectionInfo::id); 0 in a client's inbox. */
    quint64 connection = 0;
    /** The message itself. */
    Message message;
};

} // namespace netcore

Q_DECLARE_METATYPE(netcore::Message)
Q_DECLARE_METATYPE(netcore::ReceivedMessage)
