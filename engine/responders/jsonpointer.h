#pragma once

#include <QtCore/QJsonValue>
#include <QtCore/QString>
#include <QtCore/QStringList>

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
    /** A valid pointer's steps, "~1" and "~0" undone: "/a~1b/0" is {"a/b", "0"}, "" is none. */
    static QStringList steps(const QString &pointer);
    /** The pointer step to the member @p name, "/" and escapes included: "a/b" is "/a~1b". */
    static QString step(const QString &name);
};

} // namespace wirebench
