#include "pointermask.h"

#include <engine/responders/jsonpointer.h>

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>

namespace wirebench {

namespace {

const QString anyStep = QStringLiteral("*");

QJsonValue removeJson(const QJsonValue &value, const QStringList &steps, qsizetype at)
{
    if (at >= steps.size())
        return value;
    const QString &step = steps[at];
    const bool last = at + 1 == steps.size();
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end();) {
            if (step != anyStep && it.key() != step) {
                ++it;
            } else if (last) {
                it = object.erase(it);
            } else {
                *it = removeJson(*it, steps, at + 1);
                ++it;
            }
        }
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = array.size() - 1; i >= 0; --i) {
            if (step != anyStep && step != QString::number(i))
                continue;
            if (last)
                array.removeAt(i);
            else
                array[i] = removeJson(array[i], steps, at + 1);
        }
        return array;
    }
    return value;
}

QCborValue removeCbor(const QCborValue &value, const QStringList &steps, qsizetype at)
{
    if (at >= steps.size())
        return value;
    const QString &step = steps[at];
    const bool last = at + 1 == steps.size();
    if (value.isMap()) {
        QCborMap map = value.toMap();
        for (auto it = map.begin(); it != map.end();) {
            // A key that is not text (an integer key, say) is named by its text form.
            const QString key = it.key().isString() ? it.key().toString() : it.key().toDiagnosticNotation();
            if (step != anyStep && key != step) {
                ++it;
            } else if (last) {
                it = map.erase(it);
            } else {
                it.value() = removeCbor(it.value(), steps, at + 1);
                ++it;
            }
        }
        return map;
    }
    if (value.isArray()) {
        QCborArray array = value.toArray();
        for (qsizetype i = array.size() - 1; i >= 0; --i) {
            if (step != anyStep && step != QString::number(i))
                continue;
            if (last)
                array.removeAt(i);
            else
                array[i] = removeCbor(array.at(i), steps, at + 1);
        }
        return array;
    }
    return value;
}

} // namespace

QString PointerMask::validate(const QStringList &pointers)
{
    for (const QString &pointer : pointers) {
        if (pointer.isEmpty())
            return QStringLiteral("\"\" would leave out the whole payload: ignore its channel instead");
        const QString why = JsonPointer::validate(pointer);
        if (!why.isEmpty())
            return why;
    }
    return {};
}

QJsonValue PointerMask::apply(const QJsonValue &value, const QStringList &pointers)
{
    QJsonValue result = value;
    for (const QString &pointer : pointers)
        result = removeJson(result, JsonPointer::steps(pointer), 0);
    return result;
}

QCborValue PointerMask::apply(const QCborValue &value, const QStringList &pointers)
{
    QCborValue result = value;
    for (const QString &pointer : pointers)
        result = removeCbor(result, JsonPointer::steps(pointer), 0);
    return result;
}

QString PointerMask::firstDifference(const QJsonValue &a, const QJsonValue &b)
{
    if (a == b)
        return {};
    if (a.isObject() && b.isObject()) {
        const QJsonObject left = a.toObject(), right = b.toObject();
        QStringList keys = left.keys();
        for (const QString &key : right.keys()) {
            if (!left.contains(key))
                keys.append(key);
        }
        keys.sort();
        for (const QString &key : std::as_const(keys)) {
            const QString below = firstDifference(left.value(key), right.value(key));
            if (!below.isNull())
                return JsonPointer::step(key) + below;
        }
    } else if (a.isArray() && b.isArray()) {
        const QJsonArray left = a.toArray(), right = b.toArray();
        for (qsizetype i = 0; i < qMax(left.size(), right.size()); ++i) {
            const QString below = firstDifference(left.at(i), right.at(i)); // past the end: Undefined
            if (!below.isNull())
                return QLatin1Char('/') + QString::number(i) + below;
        }
    }
    return QStringLiteral(""); // differs here, as a whole
}

} // namespace wirebench
