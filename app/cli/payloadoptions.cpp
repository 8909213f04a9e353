#include "payloadoptions.h"

#include <netcore/escapes.h>
#include <netcore/message.h>

#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>

#include <algorithm>

using netcore::Message;
using netcore::MessageType;

namespace {

bool parseHex(const QString &text, QByteArray *bytes)
{
    QString digits = text;
    digits.remove(QLatin1Char(' ')).remove(QLatin1Char('\t')).remove(QLatin1Char('\n'));
    const bool allHex = std::all_of(digits.cbegin(), digits.cend(), [](QChar c) {
        return c.isDigit() || (c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f'));
    });
    if (!allHex || digits.size() % 2 != 0)
        return false;
    *bytes = QByteArray::fromHex(digits.toLatin1());
    return true;
}

} // namespace

QList<OptionSpec> PayloadOptions::specs()
{
    return {
        {QStringLiteral("text"), QStringLiteral("S"),
         QStringLiteral("a text message; escapes \\n \\r \\t \\0 \\\\ \\xHH")},
        {QStringLiteral("json"), QStringLiteral("JSON"), QStringLiteral("a json message (an object or array)")},
        {QStringLiteral("hex"), QStringLiteral("HEX"), QStringLiteral("a binary message, e.g. \"00ff\" or \"00 ff\"")},
        {QStringLiteral("file"), QStringLiteral("PATH"), QStringLiteral("a binary message with the file's contents")},
        {QStringLiteral("cbor"), QStringLiteral("JSON"), QStringLiteral("a cbor message: any JSON value, converted")},
    };
}

bool PayloadOptions::isPayloadOption(const QString &name)
{
    const QList<OptionSpec> all = specs();
    return std::any_of(all.cbegin(), all.cend(), [&name](const OptionSpec &spec) { return spec.name == name; });
}

bool PayloadOptions::toMessage(const QString &name, const QString &value, Message *message, QString *error)
{
    if (name == QLatin1String("text")) {
        QString why;
        const QByteArray bytes = netcore::unescape(value, &why);
        if (!why.isEmpty()) {
            *error = QStringLiteral("--text: %1").arg(why);
            return false;
        }
        *message = Message(MessageType::Text, bytes);
        return true;
    }
    if (name == QLatin1String("json")) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(value.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !(document.isObject() || document.isArray())) {
            *error = QStringLiteral("--json: not a JSON object or array (%1): %2")
                         .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                           : QStringLiteral("a scalar"),
                              value);
            return false;
        }
        // The text as typed, so the bytes on the wire are what the user wrote.
        *message = Message(MessageType::Json, value.toUtf8());
        return true;
    }
    if (name == QLatin1String("hex")) {
        QByteArray bytes;
        if (!parseHex(value, &bytes)) {
            *error = QStringLiteral("--hex: \"%1\" is not an even number of hex digits").arg(value);
            return false;
        }
        *message = Message::binary(bytes);
        return true;
    }
    if (name == QLatin1String("file")) {
        QFile file(value);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("--file: cannot read %1: %2").arg(value, file.errorString());
            return false;
        }
        *message = Message::binary(file.readAll());
        return true;
    }
    if (name == QLatin1String("cbor")) {
        // Wrapped in an array so a scalar ("42", "\"hi\"") is accepted too.
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson('[' + value.toUtf8() + ']', &parseError);
        if (parseError.error != QJsonParseError::NoError || document.array().size() != 1) {
            *error = QStringLiteral("--cbor: not one JSON value: %1").arg(value);
            return false;
        }
        *message = Message::cbor(QCborValue::fromJsonValue(document.array().first()));
        return true;
    }
    *error = QStringLiteral("--%1 is not a payload option").arg(name);
    return false;
}
