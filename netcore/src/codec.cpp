#include <netcore/codec.h>

#include <netcore/envelopecodec.h>
#include <netcore/lengthfieldcodec.h>
#include <netcore/linecodec.h>
#include <netcore/rawcodec.h>

#include <QtCore/QCborStreamReader>
#include <QtCore/QCborValue>
#include <QtCore/QCoreApplication>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonParseError>
#include <QtCore/QStringDecoder>

#include <algorithm>

namespace netcore {

Codec::~Codec() = default;

DecodeResult Codec::decode(ByteBuffer &input)
{
    DecodeResult result;
    MessageView message;
    result.status = decodeFrame(input, &message, &result.error);
    if (result.status == DecodeResult::MessageReady)
        result.message = message.toMessage();
    return result;
}

DecodeResult::Status Codec::streamError(Error *error, ErrorCode code, QString why)
{
    *error = Error(code, std::move(why));
    return DecodeResult::StreamError;
}

DecodeResult::Status Codec::frameError(Error *error, ErrorCode code, QString why, QByteArrayView frame)
{
    // Copy only what the error keeps, not a frame of up to maxFrameSize.
    *error = Error(code, std::move(why), frame.first(qMin<qsizetype>(frame.size(), Error::rawFrameLimit)).toByteArray());
    return DecodeResult::FrameError;
}

bool Codec::encode(const Message &message, QByteArray &output, Error *error) const
{
    QByteArray channel;
    return encode(MessageView::of(message, channel), output, error);
}

QByteArray Codec::encode(const Message &message) const
{
    QByteArray output;
    if (!encode(message, output, nullptr))
        return {};
    return output;
}

std::unique_ptr<Codec> Codec::create(const CodecConfig &config)
{
    switch (config.kind) {
    case CodecConfig::Kind::Length:
        return std::make_unique<LengthFieldCodec>(config);
    case CodecConfig::Kind::Line:
        return std::make_unique<LineCodec>(config);
    case CodecConfig::Kind::Raw:
        return std::make_unique<RawCodec>(config);
    case CodecConfig::Kind::Envelope:
        break;
    }
    return std::make_unique<EnvelopeCodec>(config);
}

namespace {

struct Strings
{
    Q_DECLARE_TR_FUNCTIONS(netcore::Codec)
};

ErrorCode fail(ErrorCode code, QString reason, QString *why)
{
    if (why)
        *why = std::move(reason);
    return code;
}

} // namespace

ErrorCode validatePayload(MessageType type, QByteArrayView payload, QString *why)
{
    switch (type) {
    case MessageType::Binary:
        break;
    case MessageType::Text: {
        // Most text is ASCII, and ASCII is valid UTF-8: no decoder, no allocation.
        if (std::all_of(payload.begin(), payload.end(), [](char c) { return uchar(c) < 0x80; }))
            break;
        // Stateless: a sequence cut off at the end is an error, not state kept for later.
        // The decoder is lazy; converting to QString is what runs it.
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = decoder.decode(payload);
        if (decoder.hasError())
            return fail(ErrorCode::InvalidText, Strings::tr("text is not valid UTF-8"), why);
        break;
    }
    case MessageType::Json: {
        // fromRawData: the parser only reads, so the payload is not copied.
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(
            QByteArray::fromRawData(payload.data(), payload.size()), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return fail(ErrorCode::InvalidJson,
                        Strings::tr("json does not parse at offset %1: %2")
                            .arg(parseError.offset).arg(parseError.errorString()), why);
        if (!document.isObject() && !document.isArray())
            return fail(ErrorCode::InvalidJson, Strings::tr("json top level is not an object or an array"), why);
        break;
    }
    case MessageType::Cbor: {
        QCborStreamReader reader(QByteArray::fromRawData(payload.data(), payload.size()));
        // Building the value walks the whole first item, nested containers included.
        const QCborValue value = QCborValue::fromCbor(reader);
        const QCborError cborError = reader.lastError();
        if (cborError != QCborError::NoError)
            return fail(ErrorCode::InvalidCbor,
                        Strings::tr("cbor is not well formed at offset %1: %2")
                            .arg(reader.currentOffset()).arg(cborError.toString()), why);
        if (reader.currentOffset() != payload.size())
            return fail(ErrorCode::InvalidCbor,
                        Strings::tr("cbor has %1 bytes after its first item")
                            .arg(payload.size() - reader.currentOffset()), why);
        break;
    }
    default: // a MessageType cast from an unchecked byte
        return fail(ErrorCode::UnknownMessageType, Strings::tr("unknown message type %1").arg(int(type)), why);
    }
    if (why)
        why->clear();
    return ErrorCode::NoError;
}

} // namespace netcore
