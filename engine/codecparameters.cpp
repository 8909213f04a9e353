#include "codecparameters.h"

#include <netcore/enums.h>
#include <netcore/escapes.h>

#include <limits>

using netcore::CodecConfig;

namespace wirebench {

namespace {

bool parseCodec(const QString &name, CodecConfig *config)
{
    if (name == QLatin1String("python-comms")) {
        *config = CodecConfig::pythonComms();
        return true;
    }
    CodecConfig::Kind kind;
    if (!CodecConfig::parseKindName(name, &kind))
        return false;
    switch (kind) {
    case CodecConfig::Kind::Envelope: *config = CodecConfig::envelope(); break;
    case CodecConfig::Kind::Length: *config = CodecConfig::length(); break;
    case CodecConfig::Kind::Line: *config = CodecConfig::line(); break;
    case CodecConfig::Kind::Raw: *config = CodecConfig::raw(); break;
    }
    return true;
}

bool parsePayloadType(const QString &name, netcore::MessageType *type)
{
    for (const auto candidate : {netcore::MessageType::Binary, netcore::MessageType::Text,
                                 netcore::MessageType::Json}) {
        if (name == netcore::messageTypeName(candidate)) {
            *type = candidate;
            return true;
        }
    }
    return false;
}

QString nameOf(const QString &name, CodecParameters::Naming naming)
{
    return naming == CodecParameters::Naming::Flags ? QStringLiteral("--") + name
                                                    : QLatin1Char('"') + name + QLatin1Char('"');
}

/** Reads integer @p name into @p out if it was given (else leaves @p out alone). */
bool readInteger(const QHash<QString, QString> &values, const QString &name, qint64 min, qint64 max,
                 CodecParameters::Naming naming, qint64 *out, CodecParameters::Problem *problem)
{
    const auto it = values.constFind(name);
    if (it == values.cend())
        return true;
    bool ok = false;
    const qint64 number = it->toLongLong(&ok);
    if (!ok || number < min || number > max) {
        *problem = {name, CodecParameters::tr("%1 must be an integer from %2 to %3, not \"%4\"")
                              .arg(nameOf(name, naming)).arg(min).arg(max).arg(*it)};
        return false;
    }
    *out = number;
    return true;
}

} // namespace

const QStringList &CodecParameters::names()
{
    static const QStringList all{QStringLiteral("codec"),        QStringLiteral("length-bytes"),
                                 QStringLiteral("length-offset"), QStringLiteral("length-adjust"),
                                 QStringLiteral("strip"),        QStringLiteral("byte-order"),
                                 QStringLiteral("payload"),      QStringLiteral("delimiter"),
                                 QStringLiteral("max-frame")};
    return all;
}

QList<CodecConfig::Kind> CodecParameters::kindsOf(const QString &name)
{
    using Kind = CodecConfig::Kind;
    if (name == QLatin1String("length-bytes") || name == QLatin1String("length-offset")
        || name == QLatin1String("length-adjust") || name == QLatin1String("strip")
        || name == QLatin1String("byte-order"))
        return {Kind::Length};
    if (name == QLatin1String("payload"))
        return {Kind::Length, Kind::Line};
    if (name == QLatin1String("delimiter"))
        return {Kind::Line};
    if (name == QLatin1String("max-frame"))
        return {Kind::Envelope, Kind::Length, Kind::Line};
    return {};
}

bool CodecParameters::toConfig(const QHash<QString, QString> &values, Naming naming, CodecConfig *config,
                               Problem *problem)
{
    const QString codecName = values.value(QStringLiteral("codec"), QStringLiteral("envelope"));
    CodecConfig result;
    if (!parseCodec(codecName, &result)) {
        *problem = {QStringLiteral("codec"),
                    tr("unknown codec \"%1\" (envelope, length, line, raw or python-comms)").arg(codecName)};
        return false;
    }

    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (!names().contains(it.key())) {
            *problem = {it.key(), tr("unknown codec parameter %1: there are %2")
                                      .arg(nameOf(it.key(), naming), names().join(QLatin1String(", ")))};
            return false;
        }
    }
    for (const QString &name : names()) {
        const QList<CodecConfig::Kind> kinds = kindsOf(name);
        if (values.contains(name) && !kinds.isEmpty() && !kinds.contains(result.kind)) {
            *problem = {name, naming == Naming::Flags
                                  ? tr("%1 does not apply to --codec %2").arg(nameOf(name, naming), codecName)
                                  : tr("%1 does not apply to the codec \"%2\"").arg(nameOf(name, naming), codecName)};
            return false;
        }
    }

    qint64 number = result.lengthFieldLength;
    if (!readInteger(values, QStringLiteral("length-bytes"), 1, 8, naming, &number, problem))
        return false;
    result.lengthFieldLength = int(number);
    number = result.lengthFieldOffset;
    if (!readInteger(values, QStringLiteral("length-offset"), 0, 65535, naming, &number, problem))
        return false;
    result.lengthFieldOffset = int(number);
    if (!readInteger(values, QStringLiteral("length-adjust"), -0x7fffffffLL, 0x7fffffffLL, naming,
                     &result.lengthAdjustment, problem))
        return false;
    number = result.initialBytesToStrip;
    if (!readInteger(values, QStringLiteral("strip"), 0, 65535 + 8, naming, &number, problem))
        return false;
    result.initialBytesToStrip = int(number);

    const QString byteOrder = QStringLiteral("byte-order");
    if (values.contains(byteOrder)) {
        const QString order = values.value(byteOrder);
        if (order == QLatin1String("big")) {
            result.byteOrder = QSysInfo::BigEndian;
        } else if (order == QLatin1String("little")) {
            result.byteOrder = QSysInfo::LittleEndian;
        } else {
            *problem = {byteOrder, tr("%1 must be big or little, not \"%2\"").arg(nameOf(byteOrder, naming), order)};
            return false;
        }
    }
    const QString payload = QStringLiteral("payload");
    if (values.contains(payload) && !parsePayloadType(values.value(payload), &result.payloadType)) {
        *problem = {payload, tr("%1 must be binary, text or json, not \"%2\"")
                                 .arg(nameOf(payload, naming), values.value(payload))};
        return false;
    }
    const QString delimiter = QStringLiteral("delimiter");
    if (values.contains(delimiter)) {
        QString why;
        result.delimiter = netcore::unescape(values.value(delimiter), &why);
        if (!why.isEmpty()) {
            *problem = {delimiter, QStringLiteral("%1: %2").arg(nameOf(delimiter, naming), why)};
            return false;
        }
    }
    const QString maxFrame = QStringLiteral("max-frame");
    if (values.contains(maxFrame)) {
        const bool line = result.kind == CodecConfig::Kind::Line;
        qint64 number = line ? result.maxLineLength : result.maxFrameSize;
        if (!readInteger(values, maxFrame, 1, line ? std::numeric_limits<int>::max() : 0xffffffffLL, naming,
                         &number, problem))
            return false;
        // A line's limit is its own field; the frame size stays as the line codec ignores it.
        if (line)
            result.maxLineLength = int(number);
        else
            result.maxFrameSize = number;
    }

    const QString invalid = result.validate();
    if (!invalid.isEmpty()) {
        *problem = {QStringLiteral("codec"), invalid};
        return false;
    }
    *config = result;
    return true;
}

bool CodecParameters::fromJson(const QJsonValue &value, CodecConfig *config, Problem *problem)
{
    QHash<QString, QString> values;
    if (value.isString()) {
        values.insert(QStringLiteral("codec"), value.toString());
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QJsonValue parameter = it.value();
            if (parameter.isString()) {
                values.insert(it.key(), parameter.toString());
            } else if (parameter.isDouble() && parameter.toDouble() == double(parameter.toInteger())) {
                values.insert(it.key(), QString::number(parameter.toInteger()));
            } else if (parameter.isDouble()) {
                values.insert(it.key(), QString::number(parameter.toDouble()));
            } else {
                *problem = {it.key(), tr("\"%1\" must be a string or a number").arg(it.key())};
                return false;
            }
        }
    } else {
        *problem = {{}, tr("\"codec\" is a codec's name (\"line\") or an object: "
                           "{\"codec\": \"line\", \"delimiter\": \"\\\\r\\\\n\"}")};
        return false;
    }
    return toConfig(values, Naming::Keys, config, problem);
}

QJsonObject CodecParameters::toJson(const CodecConfig &config)
{
    QJsonObject object{{QStringLiteral("codec"), CodecConfig::kindName(config.kind)}};
    switch (config.kind) {
    case CodecConfig::Kind::Envelope:
        object.insert(QStringLiteral("max-frame"), double(config.maxFrameSize));
        break;
    case CodecConfig::Kind::Length:
        object.insert(QStringLiteral("length-bytes"), config.lengthFieldLength);
        object.insert(QStringLiteral("length-offset"), config.lengthFieldOffset);
        object.insert(QStringLiteral("length-adjust"), double(config.lengthAdjustment));
        if (config.initialBytesToStrip >= 0)
            object.insert(QStringLiteral("strip"), config.initialBytesToStrip);
        object.insert(QStringLiteral("byte-order"),
                      config.byteOrder == QSysInfo::LittleEndian ? QStringLiteral("little") : QStringLiteral("big"));
        object.insert(QStringLiteral("payload"), netcore::messageTypeName(config.payloadType));
        object.insert(QStringLiteral("max-frame"), double(config.maxFrameSize));
        break;
    case CodecConfig::Kind::Line:
        object.insert(QStringLiteral("delimiter"), netcore::escape(config.delimiter));
        object.insert(QStringLiteral("payload"), netcore::messageTypeName(config.payloadType));
        object.insert(QStringLiteral("max-frame"), config.maxLineLength);
        break;
    case CodecConfig::Kind::Raw:
        break;
    }
    return object;
}

} // namespace wirebench
