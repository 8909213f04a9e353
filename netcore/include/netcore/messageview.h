#pragma once

#include <netcore/message.h>

#include <QtCore/QByteArrayView>

namespace netcore {

/**
 * A message that borrows its bytes: what a codec decodes into before
 * anything is copied, and what a Server::MessageHandler sees.
 *
 * It points into memory it does not own (a receive buffer, or a Message's
 * payload), so it is valid only while that memory is: a handler must not
 * keep it after returning. toMessage() makes an owning copy.
 */
class NETCORE_EXPORT MessageView
{
public:
    MessageView() = default;
    /** @p channelUtf8 is the channel name's UTF-8 bytes, as on the wire. */
    MessageView(MessageType type, QByteArrayView payload, QByteArrayView channelUtf8 = {}, quint32 id = 0)
        : m_type(type), m_id(id), m_channel(channelUtf8), m_payload(payload)
    {
    }

    /** What the payload holds. */
    MessageType type() const { return m_type; }
    /** The id (0 where the codec carries none). */
    quint32 id() const { return m_id; }
    /** The channel name's bytes as on the wire, borrowed; empty for the default channel. */
    QByteArrayView channelUtf8() const { return m_channel; }
    /** The payload, borrowed. */
    QByteArrayView payload() const { return m_payload; }

    /**
     * A view of @p message. Its channel is converted to UTF-8 into
     * @p channelUtf8 (no allocation for the default channel), which must
     * outlive the view.
     */
    static MessageView of(const Message &message, QByteArray &channelUtf8)
    {
        channelUtf8 = message.channel().toUtf8();
        return MessageView(message.type(), message.payload(), channelUtf8, message.id());
    }

    /**
     * The channel name, decoded (allocates unless it is the default channel).
     * A leading U+FEFF stays: it is part of the name, not a byte order mark.
     */
    QString channel() const;
    /** An owning copy. */
    Message toMessage() const;

private:
    MessageType m_type = MessageType::Binary;
    quint32 m_id = 0;
    QByteArrayView m_channel;
    QByteArrayView m_payload;
};

} // namespace netcore
