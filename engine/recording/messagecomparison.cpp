#include "messagecomparison.h"

#include <engine/compactjson.h>
#include <engine/recording/pointermask.h>
#include <engine/responders/jsonpointer.h>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QJsonParseError>

namespace wirebench {

namespace {

/** The value @p pointer names in @p root, as compact JSON; "nothing" when there is none. */
QString valueAt(const QJsonValue &root, const QString &pointer)
{
    QJsonValue value;
    return JsonPointer::resolve(root, pointer, &value) ? compactJson(value) : MessageComparison::tr("nothing");
}

} // namespace

qsizetype MessageComparison::firstDifferentByte(const QByteArray &a, const QByteArray &b)
{
    const qsizetype common = qMin(a.size(), b.size());
    for (qsizetype i = 0; i < common; ++i) {
        if (a[i] != b[i])
            return i;
    }
    return a.size() == b.size() ? -1 : common;
}

QString MessageComparison::difference(const netcore::Message &expected, const netcore::Message &got,
                                      const QStringList &ignore)
{
    if (expected.channel() != got.channel())
        return tr("channel \"%1\", then \"%2\"").arg(expected.channel(), got.channel());
    if (expected.type() != got.type())
        return tr("type %1, then %2").arg(netcore::messageTypeName(expected.type()), netcore::messageTypeName(got.type()));
    if (expected.payload() == got.payload())
        return {};
    bool compared = false;
    const QString json = jsonDifference(expected, got, ignore, &compared);
    if (compared)
        return json;
    const qsizetype at = firstDifferentByte(expected.payload(), got.payload());
    if (expected.payload().size() != got.payload().size())
        return tr("%1 bytes, then %2; first difference at byte %3")
            .arg(expected.payload().size()).arg(got.payload().size()).arg(at);
    return tr("first difference at byte %1").arg(at);
}

QString MessageComparison::jsonDifference(const netcore::Message &expected, const netcore::Message &got,
                                          const QStringList &ignore, bool *compared)
{
    QJsonValue left, right;
    if (expected.type() == netcore::MessageType::Json) {
        QJsonParseError leftError, rightError;
        const QJsonDocument a = QJsonDocument::fromJson(expected.payload(), &leftError);
        const QJsonDocument b = QJsonDocument::fromJson(got.payload(), &rightError);
        if (leftError.error != QJsonParseError::NoError || rightError.error != QJsonParseError::NoError)
            return {}; // not JSON after all: the bytes decide
        left = PointerMask::apply(a.isArray() ? QJsonValue(a.array()) : QJsonValue(a.object()), ignore);
        right = PointerMask::apply(b.isArray() ? QJsonValue(b.array()) : QJsonValue(b.object()), ignore);
    } else if (expected.type() == netcore::MessageType::Cbor) {
        QCborParserError leftError, rightError;
        const QCborValue a = QCborValue::fromCbor(expected.payload(), &leftError);
        const QCborValue b = QCborValue::fromCbor(got.payload(), &rightError);
        if (leftError.error != QCborError::NoError || rightError.error != QCborError::NoError)
            return {};
        const QCborValue maskedA = PointerMask::apply(a, ignore), maskedB = PointerMask::apply(b, ignore);
        *compared = true;
        if (maskedA == maskedB)
            return {};
        left = maskedA.toJsonValue();
        right = maskedB.toJsonValue();
        const QString at = PointerMask::firstDifference(left, right);
        if (at.isNull() || at.isEmpty()) // a difference JSON cannot show (bytes and text, say)
            return tr("%1, then %2").arg(maskedA.toDiagnosticNotation(), maskedB.toDiagnosticNotation());
        return tr("at %1: %2, then %3").arg(at, valueAt(left, at), valueAt(right, at));
    } else {
        return {};
    }
    *compared = true;
    const QString at = PointerMask::firstDifference(left, right);
    if (at.isNull())
        return {};
    if (at.isEmpty())
        return tr("%1, then %2").arg(compactJson(left), compactJson(right));
    return tr("at %1: %2, then %3").arg(at, valueAt(left, at), valueAt(right, at));
}

} // namespace wirebench
