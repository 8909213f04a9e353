#pragma once

#include <QtCore/QJsonValue>
#include <QtCore/QString>

namespace wirebench {

/**
 * RFC 6901 JSON Pointers ("/user/name", "/items/0", "" for the whole
 * value; "~1" is "/" and "~0" is "~" within a name), as rules and
 * templates use them to reach into a message's JSON.
 */
class JsonPointer
{
public:
    /** Empty when @p pointer is a valid pointer, else why not. */
    static QString validate(const QString &pointer);
    /** The value @p pointer names in @p root; false when there is none. */
    static bool resolve(const QJsonValue &root, const QString &pointer, QJsonValue *value);
};

} // namespace wirebench
