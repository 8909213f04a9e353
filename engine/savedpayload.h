#pragma once

#include <QtCore/QJsonObject>
#include <QtCore/QString>

namespace wirebench {

/** A payload as the user typed it: in the composer's library, a sequence's step, a client's login. */
struct SavedPayload
{
    QString name;
    QString kind = QStringLiteral("json"); ///< PayloadBuilder::kindName(): "json", "text", "binary" (hex), "cbor", "file" or "image" (a path)
    QString content;                         ///< json/text as typed, hex digits, or a file path
    QString channel;
    quint32 id = 0;

    QJsonObject toJson() const;
    static SavedPayload fromJson(const QJsonObject &object);
    friend bool operator==(const SavedPayload &a, const SavedPayload &b);
};

} // namespace wirebench
