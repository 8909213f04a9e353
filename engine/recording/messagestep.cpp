#include "messagestep.h"

#include <engine/responders/jsonpointer.h>
#include <engine/responders/messagefacts.h>
#include <engine/responders/templatetext.h>

#include <QtCore/QCborValue>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QRegularExpression>
#include <QtCore/QStringDecoder>

#include <algorithm>

namespace wirebench {

namespace {

const QString channelKey = QStringLiteral("channel");
const QString typeKey = QStringLiteral("type");
const QString hexKey = QStringLiteral("hex");

bool isUtf8(const QByteArray &bytes, QString *text)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    *text = decoder.decode(bytes);
    return !decoder.hasError();
}

/** Whether a send would take a string of @p value for a template: one holding "{{". */
bool holdsPlaceholders(const QJsonValue &value)
{
    if (value.isString())
        return TemplateText::hasPlaceholders(value.toString());
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        return std::any_of(object.begin(), object.end(), [](const QJsonValue &member) { return holdsPlaceholders(member); });
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::any_of(array.begin(), array.end(), [](const QJsonValue &element) { return holdsPlaceholders(element); });
    }
    return false;
}

/** Whether @p steps lies at or under one of @p ignored, a "*" standing for any one step. */
bool isIgnored(const QStringList &steps, const QList<QStringList> &ignored)
{
    return std::any_of(ignored.cbegin(), ignored.cend(), [&steps](const QStringList &mask) {
        if (mask.size() > steps.size())
            return false;
        for (qsizetype i = 0; i < mask.size(); ++i) {
            if (mask.at(i) != QLatin1String("*") && mask.at(i) != steps.at(i))
                return false;
        }
        return true;
    });
}

/**
 * Every leaf of @p value (a scalar, or an empty object or array) by its pointer. The leaves,
 * not the masked value, because leaving out an array element would move the ones after it.
 */
void collectLeaves(const QJsonValue &value, const QString &pointer, const QStringList &steps,
                   const QList<QStringList> &ignored, QJsonObject *leaves)
{
    if (isIgnored(steps, ignored))
        return;
    if (value.isObject() && !value.toObject().isEmpty()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            collectLeaves(it.value(), pointer + JsonPointer::step(it.key()), steps + QStringList{it.key()},
                          ignored, leaves);
    } else if (value.isArray() && !value.toArray().isEmpty()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString step = QString::number(i);
            collectLeaves(array.at(i), pointer + QLatin1Char('/') + step, steps + QStringList{step}, ignored, leaves);
        }
    } else {
        leaves->insert(pointer, value);
    }
}

/** The CBOR payload as the JSON of a send, if encoding that JSON gives back the same bytes. */
bool cborAsJson(const QByteArray &payload, QJsonValue *json)
{
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(payload, &error);
    if (error.error != QCborError::NoError)
        return false;
    *json = value.toJsonValue();
    return QCborValue::fromJsonValue(*json).toCbor() == payload;
}

} // namespace

netcore::MessageType MessageStep::receivedType(netcore::MessageType recorded, const netcore::CodecConfig &codec)
{
    switch (codec.kind) {
    case netcore::CodecConfig::Kind::Envelope: return recorded;
    case netcore::CodecConfig::Kind::Length:
    case netcore::CodecConfig::Kind::Line: return codec.payloadType;
    case netcore::CodecConfig::Kind::Raw: break;
    }
    return netcore::MessageType::Binary;
}

QString MessageStep::exactExpression(const QString &text)
{
    // Not QRegularExpression::escape(): it escapes every space and letter outside ASCII, and
    // this expression is for people to read and edit.
    static const QString special = QStringLiteral("\\^$.|?*+()[]{}");
    QString expression = QStringLiteral("^");
    expression.reserve(text.size() + 2);
    for (const QChar c : text) {
        if (special.contains(c))
            expression += QLatin1Char('\\') + c;
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            expression += QStringLiteral("\\x{%1}").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            expression += c;
    }
    return expression + QLatin1Char('$');
}

QJsonObject MessageStep::send(const netcore::Message &message, const netcore::CodecConfig &codec, QString *note)
{
    QJsonObject reply;
    if (codec.carriesChannelAndId()) {
        if (!message.channel().isEmpty())
            reply.insert(channelKey, message.channel());
        if (message.id() != 0)
            reply.insert(QStringLiteral("id"), qint64(message.id()));
    }
    const QByteArray &payload = message.payload();
    QString why;
    // A json or cbor payload, unless one of its strings would be taken for a template.
    const auto carry = [&reply, &why](const QString &key, const QJsonValue &value) {
        if (holdsPlaceholders(value))
            why = tr("a string in it holds \"{{\", which a send would read as a placeholder");
        else
            reply.insert(key, value);
    };
    switch (message.type()) {
    case netcore::MessageType::Text: {
        QString text;
        if (!isUtf8(payload, &text))
            why = tr("its text is not UTF-8");
        else if (TemplateText::hasPlaceholders(text))
            why = tr("its text holds \"{{\", which a send would read as a placeholder");
        else
            reply.insert(QStringLiteral("text"), text);
        break;
    }
    case netcore::MessageType::Json: {
        const QJsonDocument document = QJsonDocument::fromJson(payload);
        if (document.isNull())
            why = tr("its payload is not a JSON object or array");
        else // as Qt writes it: compact, keys sorted
            carry(QStringLiteral("json"), document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array()));
        break;
    }
    case netcore::MessageType::Cbor: {
        QJsonValue value;
        if (cborAsJson(payload, &value))
            carry(QStringLiteral("cbor"), value);
        else
            why = tr("its CBOR does not come back byte for byte from JSON");
        break;
    }
    case netcore::MessageType::Binary:
        break;
    }
    if (why.isEmpty() && message.type() != netcore::MessageType::Binary)
        return reply;
    if (!why.isEmpty() && note)
        *note = tr("%1: sent as hex, a binary message").arg(why);
    reply.insert(hexKey, QString::fromLatin1(payload.toHex()));
    return reply;
}

QJsonObject MessageStep::expect(const netcore::Message &message, const netcore::CodecConfig &codec,
                                const QStringList &ignorePointers)
{
    // What the client will see, not what the recorder saw: a server's json reply reaches a
    // client of the line codec as text.
    const netcore::MessageType type = receivedType(message.type(), codec);
    const netcore::Message received(type, message.payload(), message.channel(), message.id());
    const MessageFacts facts(received);
    QJsonObject match;
    if (codec.carriesChannelAndId())
        match.insert(channelKey, message.channel());
    match.insert(typeKey, netcore::messageTypeName(type));
    if (facts.hasJson()) {
        QList<QStringList> ignored;
        for (const QString &pointer : ignorePointers)
            ignored.append(JsonPointer::steps(pointer));
        QJsonObject leaves;
        collectLeaves(facts.json(), QString(), QStringList(), ignored, &leaves);
        if (!leaves.isEmpty())
            match.insert(QStringLiteral("json"), leaves);
        return match;
    }
    QString text;
    if (type == netcore::MessageType::Text && isUtf8(message.payload(), &text)) {
        const QString expression = exactExpression(text);
        // A very long text makes an expression PCRE cannot compile; the bytes say the same.
        if (QRegularExpression(expression).isValid()) {
            match.insert(QStringLiteral("text"), expression);
            return match;
        }
    }
    match.insert(hexKey, QString::fromLatin1(message.payload().toHex()));
    return match;
}

} // namespace wirebench
