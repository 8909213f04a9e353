#include <netcore/message.h>
#include <netcore/messageview.h>

#include <QtCore/QCborStreamReader>
#include <QtCore/QStringDecoder>

namespace netcore {

Message::Message(MessageType type, QByteArray payload, QString channel, quint32 id)
    : m_type(type), m_id(id), m_channel(std::move(channel)), m_payload(std::move(payload))
{
}

Message Message::binary(QByteArray bytes, QString channel, quint32 id)
{
    return Message(MessageType::Binary, std::move(bytes), std::move(channel), id);
}

Message Message::text(const QString &text, QString channel, quint32 id)
{
    return Message(MessageType::Text, text.toUtf8(), std::move(channel), id);
}

Message Message::json(const QJsonDocument &document, QString channel, quint32 id)
{
    return Message(MessageType::Json, document.toJson(QJsonDocument::Compact), std::move(channel), id);
}

Message Message::cbor(const QCborValue &value, QString channel, quint32 id)
{
    return Message(MessageType::Cbor, value.toCbor(), std::move(channel), id);
}

QString MessageView::channel() const
{
    if (m_channel.isEmpty())
        return {};
    // QString::fromUtf8() drops a leading EF BB BF: "\uFEFFchat" would arrive as "chat".
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(m_channel);
}

Message MessageView::toMessage() const
{
    return Message(m_type, m_payload.toByteArray(), channel(), m_id);
}

QString Message::toText() const { return QString::fromUtf8(m_payload); }

QJsonDocument Message::toJson() const { return QJsonDocument::fromJson(m_payload); }

QCborValue Message::toCbor() const
{
    QCborParserError error;
    QCborValue value = QCborValue::fromCbor(m_payload, &error);
    return error.error == QCborError::NoError ? value : QCborValue(QCborValue::Invalid);
}

} // namespace netcore
