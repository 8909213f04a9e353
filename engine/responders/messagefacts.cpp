#include "messagefacts.h"

#include <QtCore/QCborValue>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QStringDecoder>

namespace wirebench {

QString MessageFacts::typeName() const
{
    return netcore::messageTypeName(type());
}

const QString &MessageFacts::channel() const
{
    if (!m_channel)
        m_channel = m_message.channel();
    return *m_channel;
}

const QByteArray &MessageFacts::hex() const
{
    if (!m_hex)
        m_hex = QByteArray::fromRawData(payload().data(), payload().size()).toHex();
    return *m_hex;
}

bool MessageFacts::hasText() const
{
    if (type() == netcore::MessageType::Text || type() == netcore::MessageType::Json)
        return true;
    if (type() != netcore::MessageType::Binary)
        return false;
    text();
    return m_text->size() > 0 || size() == 0;
}

const QString &MessageFacts::text() const
{
    if (m_text)
        return *m_text;
    if (type() == netcore::MessageType::Cbor) {
        m_text = QString();
    } else if (type() == netcore::MessageType::Binary) {
        // Binary counts as text only when it decodes cleanly: a regex on garbage would mislead.
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString decoded = decoder.decode(payload());
        m_text = decoder.hasError() ? QString() : std::move(decoded);
    } else {
        m_text = QString::fromUtf8(payload());
    }
    return *m_text;
}

bool MessageFacts::hasJson() const
{
    return !json().isUndefined();
}

const QJsonValue &MessageFacts::json() const
{
    if (m_json)
        return *m_json;
    m_json = QJsonValue(QJsonValue::Undefined);
    const QByteArray bytes = QByteArray::fromRawData(payload().data(), payload().size());
    if (type() == netcore::MessageType::Json) {
        const QJsonDocument document = QJsonDocument::fromJson(bytes);
        if (document.isObject())
            m_json = document.object();
        else if (document.isArray())
            m_json = document.array();
    } else if (type() == netcore::MessageType::Cbor) {
        QCborParserError error;
        const QCborValue value = QCborValue::fromCbor(bytes, &error);
        if (error.error == QCborError::NoError)
            m_json = value.toJsonValue();
    }
    return *m_json;
}

} // namespace wirebench
