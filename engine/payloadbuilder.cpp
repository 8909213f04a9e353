#include "payloadbuilder.h"

#include <engine/jsondiagnosis.h>

#include <netcore/escapes.h>

#include <QtCore/QCborValue>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>

#include <iterator>

namespace wirebench {

namespace {

const char *const kindNames[] = {"json", "text", "binary", "file", "image", "cbor"};
constexpr int kindCount = int(std::size(kindNames));

/** Where and why, for the user: JsonDiagnosis's words, or Qt's where it sees nothing wrong. */
QString describeJsonError(const QString &text, const QJsonParseError &parseError)
{
    JsonDiagnosis::Fault fault = JsonDiagnosis::find(text);
    if (!fault.isValid() && parseError.error == QJsonParseError::NoError)
        return PayloadBuilder::tr("Not one JSON value");
    if (!fault.isValid()) {
        // Qt's offset counts UTF-8 bytes of the wrapped text: back to the user's characters.
        const int bytes = qMax(0, parseError.offset - 1);
        fault = JsonDiagnosis::at(text, int(QString::fromUtf8(text.toUtf8().left(bytes)).size()),
                                  parseError.errorString());
    }
    return PayloadBuilder::tr("Invalid JSON at line %1, column %2: %3").arg(fault.line).arg(fault.column).arg(fault.hint);
}

/** Any JSON value, scalars too: wrapped in an array, since QJsonDocument parses only containers. */
bool parseJsonValue(const QString &text, QJsonValue *value, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson('[' + text.toUtf8() + ']', &parseError);
    if (parseError.error != QJsonParseError::NoError || document.array().size() != 1) {
        // Several values ("1, 2") parse as the wrapping array's items: the diagnosis finds the second.
        *error = describeJsonError(text, parseError);
        return false;
    }
    *value = document.array().first();
    return true;
}

QString checkFile(const QString &path)
{
    if (path.trimmed().isEmpty())
        return PayloadBuilder::tr("Choose a file");
    const QFileInfo info(path);
    if (!info.exists())
        return PayloadBuilder::tr("No such file: %1").arg(path);
    if (info.isDir())
        return PayloadBuilder::tr("A folder, not a file: %1").arg(path);
    // Not only regular files: a pipe or a device (send --file /dev/stdin) is read the same way.
    if (!info.isReadable())
        return PayloadBuilder::tr("Not a readable file: %1").arg(path);
    return {};
}

} // namespace

QString PayloadBuilder::kindName(Kind kind) { return QString::fromLatin1(kindNames[int(kind)]); }

bool PayloadBuilder::parseKindName(const QString &name, Kind *kind)
{
    for (int i = 0; i < kindCount; ++i) {
        if (name == QLatin1String(kindNames[i])) {
            *kind = Kind(i);
            return true;
        }
    }
    return false;
}

QString PayloadBuilder::validate(Kind kind, const QString &content)
{
    switch (kind) {
    case Kind::Json: {
        // Any value first, so a scalar (Qt's parser refuses it as an "illegal value") gets the real reason.
        QJsonValue value;
        QString why;
        if (!parseJsonValue(content, &value, &why))
            return why;
        if (!value.isObject() && !value.isArray())
            return tr("JSON must be an object or an array");
        return {};
    }
    case Kind::Text: {
        QString why;
        netcore::unescape(content, &why);
        return why;
    }
    case Kind::Binary: {
        QByteArray bytes;
        QString why;
        return netcore::parseHex(content, &bytes, &why) ? QString() : why;
    }
    case Kind::Cbor: {
        QJsonValue value;
        QString why;
        return parseJsonValue(content, &value, &why) ? QString() : why;
    }
    case Kind::File:
    case Kind::Image:
        return checkFile(content);
    }
    return {};
}

bool PayloadBuilder::build(Kind kind, const QString &content, const QString &channel, quint32 id,
                           netcore::Message *message, QString *error)
{
    const QString why = validate(kind, content);
    if (!why.isEmpty()) {
        *error = why;
        return false;
    }
    switch (kind) {
    case Kind::Json:
        // The text as typed: the bytes on the wire are what the user wrote.
        *message = netcore::Message(netcore::MessageType::Json, content.toUtf8(), channel, id);
        return true;
    case Kind::Text:
        *message = netcore::Message(netcore::MessageType::Text, netcore::unescape(content), channel, id);
        return true;
    case Kind::Binary: {
        QByteArray bytes;
        netcore::parseHex(content, &bytes);
        *message = netcore::Message::binary(bytes, channel, id);
        return true;
    }
    case Kind::Cbor: {
        QJsonValue value;
        parseJsonValue(content, &value, error);
        *message = netcore::Message::cbor(QCborValue::fromJsonValue(value), channel, id);
        return true;
    }
    case Kind::File:
    case Kind::Image: {
        QFile file(content);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("Cannot read %1: %2").arg(content, file.errorString());
            return false;
        }
        const QString effectiveChannel = kind == Kind::Image && channel.isEmpty()
            ? QString::fromLatin1(defaultImageChannel) : channel;
        *message = netcore::Message::binary(file.readAll(), effectiveChannel, id);
        return true;
    }
    }
    return false;
}

} // namespace wirebench
