#include <netcore/codecconfig.h>
#include <netcore/escapes.h>

#include <QtCore/QMetaEnum>

namespace netcore {

namespace {

const char *const kindNames[] = {"envelope", "length", "line", "raw"};

QString byteOrderName(QSysInfo::Endian order)
{
    return order == QSysInfo::LittleEndian ? QStringLiteral("little") : QStringLiteral("big");
}

MessageType parseMessageType(const QString &name, MessageType fallback)
{
    const QMetaEnum meta = QMetaEnum::fromType<MessageType>();
    for (int i = 0; i < meta.keyCount(); ++i) {
        if (name.compare(QLatin1String(meta.key(i)), Qt::CaseInsensitive) == 0)
            return MessageType(meta.value(i));
    }
    return fallback;
}

} // namespace

CodecConfig CodecConfig::envelope() { return {}; }

CodecConfig CodecConfig::length(int fieldLength, QSysInfo::Endian order)
{
    CodecConfig config;
    config.kind = Kind::Length;
    config.lengthFieldLength = fieldLength;
    config.byteOrder = order;
    return config;
}

CodecConfig CodecConfig::pythonComms()
{
    CodecConfig config = length(4, QSysInfo::LittleEndian);
    config.initialBytesToStrip = 4;
    config.payloadType = MessageType::Json;
    return config;
}

CodecConfig CodecConfig::line(const QByteArray &delimiter)
{
    CodecConfig config;
    config.kind = Kind::Line;
    config.delimiter = delimiter;
    config.payloadType = MessageType::Text;
    return config;
}

CodecConfig CodecConfig::raw()
{
    CodecConfig config;
    config.kind = Kind::Raw;
    return config;
}

int CodecConfig::effectiveStrip() const
{
    return initialBytesToStrip < 0 ? lengthFieldOffset + lengthFieldLength : initialBytesToStrip;
}

QString CodecConfig::validate() const
{
    switch (kind) {
    case Kind::Envelope:
        if (maxFrameSize < 8 || maxFrameSize > 0xffffffffLL)
            return QStringLiteral("max frame size must be between 8 and 4294967295 bytes");
        break;
    case Kind::Length:
        if (lengthFieldLength != 1 && lengthFieldLength != 2 && lengthFieldLength != 3
            && lengthFieldLength != 4 && lengthFieldLength != 8)
            return QStringLiteral("length field length must be 1, 2, 3, 4 or 8 bytes");
        if (lengthFieldOffset < 0 || lengthFieldOffset > 65535)
            return QStringLiteral("length field offset must be between 0 and 65535");
        if (initialBytesToStrip < -1)
            return QStringLiteral("bytes to strip must not be negative");
        if (lengthAdjustment < -0x7fffffffLL || lengthAdjustment > 0x7fffffffLL)
            return QStringLiteral("length adjustment is out of range");
        if (maxFrameSize < lengthFieldOffset + lengthFieldLength)
            return QStringLiteral("max frame size is smaller than the length field's end");
        if (payloadType == MessageType::Cbor)
            return QStringLiteral("payload type must be binary, text or json");
        break;
    case Kind::Line:
        if (delimiter.isEmpty())
            return QStringLiteral("the line delimiter must not be empty");
        if (maxLineLength < 1)
            return QStringLiteral("max line length must be at least 1");
        if (payloadType == MessageType::Cbor)
            return QStringLiteral("payload type must be binary, text or json");
        break;
    case Kind::Raw:
        break;
    }
    return {};
}

QString CodecConfig::kindName(Kind kind) { return QString::fromLatin1(kindNames[int(kind)]); }

bool CodecConfig::parseKindName(const QString &name, Kind *kind)
{
    for (int i = 0; i < 4; ++i) {
        if (name == QLatin1String(kindNames[i])) {
            *kind = Kind(i);
            return true;
        }
    }
    return false;
}

QJsonObject CodecConfig::toJson() const
{
    return QJsonObject{
        {QStringLiteral("kind"), kindName(kind)},
        {QStringLiteral("maxFrameSize"), double(maxFrameSize)},
        {QStringLiteral("lengthFieldOffset"), lengthFieldOffset},
        {QStringLiteral("lengthFieldLength"), lengthFieldLength},
        {QStringLiteral("lengthAdjustment"), double(lengthAdjustment)},
        {QStringLiteral("initialBytesToStrip"), initialBytesToStrip},
        {QStringLiteral("byteOrder"), byteOrderName(byteOrder)},
        {QStringLiteral("payloadType"), messageTypeName(payloadType)},
        {QStringLiteral("delimiter"), QString::fromLatin1(delimiter.toHex())},
        {QStringLiteral("maxLineLength"), maxLineLength},
    };
}

CodecConfig CodecConfig::fromJson(const QJsonObject &object)
{
    CodecConfig config;
    parseKindName(object.value(QStringLiteral("kind")).toString(), &config.kind);
    if (config.kind == Kind::Line)
        config = line();
    config.maxFrameSize = qint64(object.value(QStringLiteral("maxFrameSize")).toDouble(double(config.maxFrameSize)));
    config.lengthFieldOffset = object.value(QStringLiteral("lengthFieldOffset")).toInt(config.lengthFieldOffset);
    config.lengthFieldLength = object.value(QStringLiteral("lengthFieldLength")).toInt(config.lengthFieldLength);
    config.lengthAdjustment = qint64(object.value(QStringLiteral("lengthAdjustment")).toDouble(0));
    config.initialBytesToStrip = object.value(QStringLiteral("initialBytesToStrip")).toInt(config.initialBytesToStrip);
    config.byteOrder = object.value(QStringLiteral("byteOrder")).toString() == QLatin1String("little")
                           ? QSysInfo::LittleEndian : QSysInfo::BigEndian;
    config.payloadType = parseMessageType(object.value(QStringLiteral("payloadType")).toString(), config.payloadType);
    // A delimiter that is not hex stays empty, so validate() refuses the configuration instead of guessing.
    if (object.contains(QStringLiteral("delimiter"))
        && !parseHex(object.value(QStringLiteral("delimiter")).toString(), &config.delimiter))
        config.delimiter.clear();
    config.maxLineLength = object.value(QStringLiteral("maxLineLength")).toInt(config.maxLineLength);
    return config;
}

bool operator==(const CodecConfig &a, const CodecConfig &b)
{
    return a.kind == b.kind && a.maxFrameSize == b.maxFrameSize
        && a.lengthFieldOffset == b.lengthFieldOffset && a.lengthFieldLength == b.lengthFieldLength
        && a.lengthAdjustment == b.lengthAdjustment && a.initialBytesToStrip == b.initialBytesToStrip
        && a.byteOrder == b.byteOrder && a.payloadType == b.payloadType
        && a.delimiter == b.delimiter && a.maxLineLength == b.maxLineLength;
}

} // namespace netcore
