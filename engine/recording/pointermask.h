#pragma once

#include <QtCore/QCborValue>
#include <QtCore/QJsonValue>
#include <QtCore/QStringList>

namespace wirebench {

/**
 * Leaves out what a comparison should not look at: the values that JSON
 * Pointers (RFC 6901) name in a JSON or CBOR value. A step "*" stands for
 * every member of an object or element of an array, so "/items/ * /ts"
 * (without the spaces) leaves out every item's "ts". A pointer that names
 * nothing leaves the value as it is.
 */
class PointerMask
{
public:
    /** Empty when every pointer of @p pointers is one, else why not (naming it). */
    static QString validate(const QStringList &pointers);

    static QJsonValue apply(const QJsonValue &value, const QStringList &pointers);
    static QCborValue apply(const QCborValue &value, const QStringList &pointers);

    /**
     * The pointer to the first place where @p a and @p b differ (depth first, in key order),
     * or a null string when they are equal. "" (empty, not null) is the whole value.
     */
    static QString firstDifference(const QJsonValue &a, const QJsonValue &b);
};

} // namespace wirebench
