#include "payloadbuilder.h"

#include <netcore/escapes.h>

#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonDocument>

namespace wirebench {

namespace {

const char *const kindNames[] = {"json", "text", "binary", "file", "image"};

QString checkFile(const QString &path)
{
    if (path.trimmed().isEmpty())
        return PayloadBuilder::tr("Choose a file");
    const QFileInfo info(path);
    if (!info.exists())
        return PayloadBuilder::tr("No such file: %1").arg(path);
    if (!info.isFile() || !info.isReadable())
        return PayloadBuilder::tr("Not a readable file: %1").arg(path);
    return {};
}

} // namespace

QString PayloadBuilder::kindName(Kind kind) { return QString::fromLatin1(kindNames[int(kind)]); }

bool PayloadBuilder::parseKindName(const QString &name, Kind *kind)
{
    for (int i = 0; i < 5; ++i) {
        if (name == QLatin1String(kindNames[i])) {
            *kind = Kind(i);
            return true;
        }
    }
    return false;
}

bool PayloadBuilder::parseHex(const QString &text, QByteArray *bytes, QString *error)
{
    QByteArray digits;
    digits.reserve(text.size());
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isSpace())
            continue;
        const char16_t u = c.unicode();
        const bool hex = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F');
        if (!hex) {
            if (error)
                *error = tr("'%1' at position %2 is not a hex digit").arg(c).arg(i + 1);
            return false;
        }
        digits.append(char(c.unicode()));
    }
    if (digits.size() % 2 != 0) {
        if (error)
            *error = tr("An odd number of hex digits (%1)").arg(digits.size());
        return false;
    }
    *bytes = QByteArray::fromHex(digits);
    return true;
}

QString PayloadBuilder::validate(Kind kind, const QString &content)
{
    switch (kind) {
    case Kind::Json: {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(content.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            // The offset counts UTF-8 bytes; close enough to place the user.
            return tr("Invalid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString());
        }
        if (!document.isObject() && !document.isArray())
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
        return parseHex(content, &bytes, &why) ? QString() : why;
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
        parseHex(content, &bytes);
        *message = netcore::Message::binary(bytes, channel, id);
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
