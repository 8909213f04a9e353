#include "codecoptions.h"

#include <netcore/enums.h>
#include <netcore/escapes.h>

#include <limits>

using netcore::CodecConfig;

namespace wirebench::cli {

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

/** Which codec kinds an option applies to; empty = all. */
QList<CodecConfig::Kind> kindsOf(const QString &option)
{
    using Kind = CodecConfig::Kind;
    if (option == QLatin1String("length-bytes") || option == QLatin1String("length-offset")
        || option == QLatin1String("length-adjust") || option == QLatin1String("strip")
        || option == QLatin1String("byte-order"))
        return {Kind::Length};
    if (option == QLatin1String("payload"))
        return {Kind::Length, Kind::Line};
    if (option == QLatin1String("delimiter"))
        return {Kind::Line};
    if (option == QLatin1String("max-frame"))
        return {Kind::Envelope, Kind::Length, Kind::Line};
    return {};
}

} // namespace

QList<OptionSpec> CodecOptions::specs()
{
    return {
        {QStringLiteral("codec"), QStringLiteral("NAME"),
         QStringLiteral("envelope (default), length, line, raw or python-comms")},
        {QStringLiteral("length-bytes"), QStringLiteral("N"),
         QStringLiteral("length: size of the length field, 1, 2, 3, 4 or 8 (default 4)")},
        {QStringLiteral("length-offset"), QStringLiteral("N"),
         QStringLiteral("length: bytes before the length field (default 0)")},
        {QStringLiteral("length-adjust"), QStringLiteral("N"),
         QStringLiteral("length: added to the field's value (default 0)")},
        {QStringLiteral("strip"), QStringLiteral("N"),
         QStringLiteral("length: bytes stripped from each frame (default: the header)")},
        {QStringLiteral("byte-order"), QStringLiteral("ORDER"),
         QStringLiteral("length: big (default) or little")},
        {QStringLiteral("payload"), QStringLiteral("TYPE"),
         QStringLiteral("length, line: received frames are binary, text or json")},
        {QStringLiteral("delimiter"), QStringLiteral("ESC"),
         QStringLiteral("line: the delimiter, with escapes like \\r\\n (default \\n)")},
        {QStringLiteral("max-frame"), QStringLiteral("BYTES"),
         QStringLiteral("the largest frame (or line) accepted (default 16 MiB, line 64 KiB)")},
    };
}

bool CodecOptions::toConfig(const CommandLine &commandLine, CodecConfig *config, QString *error)
{
    const QString codecName = commandLine.value(QStringLiteral("codec"), QStringLiteral("envelope"));
    CodecConfig result;
    if (!parseCodec(codecName, &result)) {
        *error = QStringLiteral("unknown codec \"%1\" (envelope, length, line, raw or python-comms)").arg(codecName);
        return false;
    }

    for (const OptionSpec &spec : specs()) {
        const QList<CodecConfig::Kind> kinds = kindsOf(spec.name);
        if (commandLine.isSet(spec.name) && !kinds.isEmpty() && !kinds.contains(result.kind)) {
            *error = QStringLiteral("--%1 does not apply to --codec %2").arg(spec.name, codecName);
            return false;
        }
    }

    qint64 number = result.lengthFieldLength;
    if (!commandLine.integer(QStringLiteral("length-bytes"), 1, 8, &number, error))
        return false;
    result.lengthFieldLength = int(number);
    number = result.lengthFieldOffset;
    if (!commandLine.integer(QStringLiteral("length-offset"), 0, 65535, &number, error))
        return false;
    result.lengthFieldOffset = int(number);
    if (!commandLine.integer(QStringLiteral("length-adjust"), -0x7fffffffLL, 0x7fffffffLL,
                             &result.lengthAdjustment, error))
        return false;
    number = result.initialBytesToStrip;
    if (!commandLine.integer(QStringLiteral("strip"), 0, 65535 + 8, &number, error))
        return false;
    result.initialBytesToStrip = int(number);

    if (commandLine.isSet(QStringLiteral("byte-order"))) {
        const QString order = commandLine.value(QStringLiteral("byte-order"));
        if (order == QLatin1String("big")) {
            result.byteOrder = QSysInfo::BigEndian;
        } else if (order == QLatin1String("little")) {
            result.byteOrder = QSysInfo::LittleEndian;
        } else {
            *error = QStringLiteral("--byte-order must be big or little, not \"%1\"").arg(order);
            return false;
        }
    }
    if (commandLine.isSet(QStringLiteral("payload"))
        && !parsePayloadType(commandLine.value(QStringLiteral("payload")), &result.payloadType)) {
        *error = QStringLiteral("--payload must be binary, text or json, not \"%1\"")
                     .arg(commandLine.value(QStringLiteral("payload")));
        return false;
    }
    if (commandLine.isSet(QStringLiteral("delimiter"))) {
        QString why;
        result.delimiter = netcore::unescape(commandLine.value(QStringLiteral("delimiter")), &why);
        if (!why.isEmpty()) {
            *error = QStringLiteral("--delimiter: %1").arg(why);
            return false;
        }
    }
    if (commandLine.isSet(QStringLiteral("max-frame"))) {
        const qint64 max = result.kind == CodecConfig::Kind::Line ? std::numeric_limits<int>::max()
                                                                   : 0xffffffffLL;
        if (!commandLine.integer(QStringLiteral("max-frame"), 1, max, &result.maxFrameSize, error))
            return false;
        if (result.kind == CodecConfig::Kind::Line)
            result.maxLineLength = int(result.maxFrameSize);
    }

    const QString invalid = result.validate();
    if (!invalid.isEmpty()) {
        *error = invalid;
        return false;
    }
    *config = result;
    return true;
}

} // namespace wirebench::cli
