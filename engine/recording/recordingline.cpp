#include "recordingline.h"

#include <engine/recording/jsonline.h>

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QJsonParseError>

#include <limits>

namespace wirebench {

namespace {

const QString tUsKey = QStringLiteral("t_us");
const QString connKey = QStringLiteral("conn");
const QString eventKey = QStringLiteral("event");

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/** A JSON number that is a whole number from @p min to @p max. */
bool readInteger(const QJsonValue &value, qint64 min, qint64 max, qint64 *out)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    if (number != double(qint64(number)) || number < double(min) || number > double(max))
        return false;
    *out = qint64(number);
    return true;
}

bool readHex(const QJsonObject &object, const QString &key, QByteArray *bytes, QString *error)
{
    const QJsonValue value = object.value(key);
    const QByteArray hex = value.toString().toLatin1();
    bool valid = value.isString() && hex.size() % 2 == 0;
    for (qsizetype i = 0; valid && i < hex.size(); ++i)
        valid = isHexDigit(hex[i]);
    if (!valid) {
        *error = RecordingLine::tr("\"%1\" must be a string of hex digit pairs").arg(key);
        return false;
    }
    *bytes = QByteArray::fromHex(hex);
    return true;
}

bool readDirection(const QJsonObject &object, bool required, RecordedEvent *event, QString *error)
{
    const QJsonValue dir = object.value(QStringLiteral("dir"));
    if (dir.isUndefined() && !required)
        return true;
    if (dir == QLatin1String("c2s")) {
        event->direction = ProxyDirection::ClientToServer;
    } else if (dir == QLatin1String("s2c")) {
        event->direction = ProxyDirection::ServerToClient;
    } else {
        *error = RecordingLine::tr("\"dir\" must be \"c2s\" or \"s2c\"");
        return false;
    }
    return true;
}

bool readMessage(const QJsonObject &object, RecordedEvent *event, QString *error)
{
    if (!readDirection(object, true, event, error))
        return false;
    const QString typeName = object.value(QStringLiteral("type")).toString();
    netcore::MessageType type = netcore::MessageType::Binary;
    bool known = false;
    for (const auto candidate : {netcore::MessageType::Binary, netcore::MessageType::Text,
                                 netcore::MessageType::Json, netcore::MessageType::Cbor}) {
        if (typeName == netcore::messageTypeName(candidate)) {
            type = candidate;
            known = true;
        }
    }
    if (!known) {
        *error = RecordingLine::tr("\"type\" must be \"binary\", \"text\", \"json\" or \"cbor\"");
        return false;
    }
    QByteArray payload;
    if (!readHex(object, QStringLiteral("payload_hex"), &payload, error))
        return false;
    qint64 id = 0, size = payload.size();
    if (object.contains(QStringLiteral("id"))
        && !readInteger(object.value(QStringLiteral("id")), 0, std::numeric_limits<quint32>::max(), &id)) {
        *error = RecordingLine::tr("\"id\" must be an integer from 0 to 4294967295");
        return false;
    }
    if (object.contains(QStringLiteral("size"))
        && (!readInteger(object.value(QStringLiteral("size")), 0, std::numeric_limits<qint64>::max(), &size)
            || size != payload.size())) {
        *error = RecordingLine::tr("\"size\" says %1 bytes, \"payload_hex\" holds %2")
                     .arg(object.value(QStringLiteral("size")).toVariant().toString()).arg(payload.size());
        return false;
    }
    const QJsonValue channel = object.value(QStringLiteral("channel"));
    if (!channel.isUndefined() && !channel.isString()) {
        *error = RecordingLine::tr("\"channel\" must be a string");
        return false;
    }
    event->message = netcore::Message(type, payload, channel.toString(), quint32(id));
    return true;
}

} // namespace

QString RecordedEvent::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Connected: return QStringLiteral("connected");
    case Kind::Message: return QStringLiteral("message");
    case Kind::Error: return QStringLiteral("error");
    case Kind::Disconnected: return QStringLiteral("disconnected");
    case Kind::Other: break;
    }
    return {};
}

QByteArray RecordingLine::format(const RecordedEvent &event)
{
    JsonLine line;
    line.add("t_us", event.timeUs).add("conn", qint64(event.connection));
    line.add("event", event.kind == RecordedEvent::Kind::Other ? event.name : RecordedEvent::kindName(event.kind));
    if (event.direction)
        line.add("dir", proxyDirectionName(*event.direction));
    switch (event.kind) {
    case RecordedEvent::Kind::Connected:
        line.add("peer", event.peer);
        break;
    case RecordedEvent::Kind::Message: {
        const netcore::Message &message = event.message;
        line.add("channel", message.channel()).add("type", netcore::messageTypeName(message.type()));
        line.add("id", qint64(message.id())).add("size", qint64(message.payload().size()));
        line.addHex("payload_hex", message.payload());
        if (message.type() == netcore::MessageType::Text || message.type() == netcore::MessageType::Json)
            line.add("text", message.toText());
        break;
    }
    case RecordedEvent::Kind::Error:
        line.add("code", event.code).add("message", event.text);
        break;
    case RecordedEvent::Kind::Disconnected:
        line.add("side", event.side).add("reason", event.reason);
        if (!event.detail.isEmpty())
            line.add("detail", event.detail);
        break;
    case RecordedEvent::Kind::Other:
        for (auto it = event.extra.begin(); it != event.extra.end(); ++it) {
            if (it.key() != QLatin1String("dir") || !event.direction)
                line.addValue(it.key(), it.value());
        }
        break;
    }
    return line.finish();
}

bool RecordingLine::parse(const QByteArray &line, RecordedEvent *event, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = parseError.error != QJsonParseError::NoError
                     ? tr("not JSON (%1 at column %2); cut short?").arg(parseError.errorString()).arg(parseError.offset + 1)
                     : tr("an event is a JSON object");
        return false;
    }
    const QJsonObject object = document.object();
    qint64 time = 0, connection = 0;
    if (!readInteger(object.value(tUsKey), 0, std::numeric_limits<qint64>::max() / 2, &time)) {
        *error = tr("\"t_us\" must be an integer of at least 0");
        return false;
    }
    if (!readInteger(object.value(connKey), 0, std::numeric_limits<qint64>::max() / 2, &connection)) {
        *error = tr("\"conn\" must be an integer of at least 0");
        return false;
    }
    const QJsonValue name = object.value(eventKey);
    if (!name.isString() || name.toString().isEmpty()) {
        *error = tr("\"event\" must name the event");
        return false;
    }
    RecordedEvent result;
    result.timeUs = time;
    result.connection = quint64(connection);
    result.name = name.toString();
    result.kind = RecordedEvent::Kind::Other;
    for (const auto kind : {RecordedEvent::Kind::Connected, RecordedEvent::Kind::Message,
                            RecordedEvent::Kind::Error, RecordedEvent::Kind::Disconnected}) {
        if (result.name == RecordedEvent::kindName(kind))
            result.kind = kind;
    }
    switch (result.kind) {
    case RecordedEvent::Kind::Connected:
        result.peer = object.value(QStringLiteral("peer")).toString();
        break;
    case RecordedEvent::Kind::Message:
        if (!readMessage(object, &result, error))
            return false;
        break;
    case RecordedEvent::Kind::Error:
        if (!readDirection(object, false, &result, error))
            return false;
        result.code = object.value(QStringLiteral("code")).toString();
        result.text = object.value(QStringLiteral("message")).toString();
        break;
    case RecordedEvent::Kind::Disconnected:
        result.side = object.value(QStringLiteral("side")).toString();
        result.reason = object.value(QStringLiteral("reason")).toString();
        result.detail = object.value(QStringLiteral("detail")).toString();
        break;
    case RecordedEvent::Kind::Other:
        if (!readDirection(object, false, &result, error))
            return false;
        result.extra = object;
        result.extra.remove(tUsKey);
        result.extra.remove(connKey);
        result.extra.remove(eventKey);
        break;
    }
    *event = std::move(result);
    return true;
}

} // namespace wirebench
