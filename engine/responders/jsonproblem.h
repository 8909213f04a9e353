#pragma once

#include <engine/responders/jsonpointer.h>

#include <QtCore/QString>

namespace wirebench {

/**
 * What is wrong in a JSON document a user wrote, and where: @c path is the
 * JSON Pointer of the offending value or key ("/rules/2/when/txt"), so the
 * reader of the file (JsonSource) can turn it into a line number.
 */
struct JsonProblem
{
    QString path;
    QString message;

    /** The same problem one level down: @p parent is prepended to the path. */
    JsonProblem under(const QString &parent) const { return {parent + path, message}; }
    static QString key(const QString &name) { return JsonPointer::step(name); }
    static QString index(qsizetype i) { return QLatin1Char('/') + QString::number(i); }
};

} // namespace wirebench
