#include "savedpayload.h"

#include <QtCore/QJsonValue>

namespace wirebench {

QJsonObject SavedPayload::toJson() const
{
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("kind"), kind},
        {QStringLiteral("content"), content},
        {QStringLiteral("channel"), channel},
        {QStringLiteral("id"), double(id)},
    };
}

SavedPayload SavedPayload::fromJson(const QJsonObject &object)
{
    SavedPayload payload;
    payload.name = object.value(QStringLiteral("name")).toString();
    payload.kind = object.value(QStringLiteral("kind")).toString(payload.kind);
    payload.content = object.value(QStringLiteral("content")).toString();
    payload.channel = object.value(QStringLiteral("channel")).toString();
    const double id = object.value(QStringLiteral("id")).toDouble(0);
    payload.id = id >= 0 && id <= 4294967295.0 ? quint32(id) : 0;
    return payload;
}

bool operator==(const SavedPayload &a, const SavedPayload &b)
{
    return a.name == b.name && a.kind == b.kind && a.content == b.content && a.channel == b.channel
        && a.id == b.id;
}

} // namespace wirebench
