#include <netcore/envelopecodec.h>

#include <netcore/bytebuffer.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QtEndian>

#include <cstring>
#include <limits>

namespace netcore {

namespace {

struct Strings
{
    Q_DECLARE_TR_FUNCTIONS(netcore::EnvelopeCodec)
};

constexpr qsizetype lengthSize = 4;  // N itself, not counted in N
constexpr qsizetype headerSize = 8;  // type, version, C, id: counted in N
constexpr quint8 protocolVersion = 1;
constexpr qsizetype maxChannelSize = std::numeric_limits<quint16>::max();

} // namespace

EnvelopeCodec::EnvelopeCodec(const CodecConfig &config) : Codec(config) {}

DecodeResult::Status EnvelopeCodec::decodeFrame(ByteBuffer &input, MessageView *message, Error *error)
{
    const QByteArrayView bytes = input.readable();
    if (bytes.size() < lengthSize)
        return DecodeResult::NeedMoreData;

    // N is judged from its own 4 bytes: a hostile N is never waited for, let alone allocated.
    const quint32 n = qFromBigEndian<quint32>(bytes.data());
    if (n < headerSize)
        return streamError(error, ErrorCode::FrameTooShort,
                           Strings::tr("frame length %1 is shorter than the 8-byte header").arg(n));
    if (qint64(n) > m_config.maxFrameSize)
        return streamError(error, ErrorCode::FrameTooLarge,
                           Strings::tr("frame length %1 exceeds the maximum of %2")
                               .arg(n).arg(m_config.maxFrameSize));
    if (bytes.size() < lengthSize + headerSize)
        return DecodeResult::NeedMoreData;

    const char *header = bytes.data() + lengthSize;
    const quint8 type = quint8(header[0]);
    const quint8 version = quint8(header[1]);
    const quint16 channelSize = qFromBigEndian<quint16>(header + 2);
    const quint32 id = qFromBigEndian<quint32>(header + 4);
    if (version != protocolVersion)
        return streamError(error, ErrorCode::UnsupportedVersion,
                           Strings::tr("envelope version %1 is not supported (expected 1)").arg(version));
    if (channelSize > n - headerSize)
        return streamError(error, ErrorCode::ChannelTooLong,
                           Strings::tr("channel length %1 exceeds the frame's %2 bytes after the header")
                               .arg(channelSize).arg(n - headerSize));

    const qsizetype frameSize = lengthSize + qsizetype(n);
    if (bytes.size() < frameSize)
        return DecodeResult::NeedMoreData;

    const QByteArrayView frame = bytes.first(frameSize);
    const QByteArrayView channel = frame.sliced(lengthSize + headerSize, channelSize);
    const QByteArrayView payload = frame.sliced(lengthSize + headerSize + channelSize);

    QString why;
    ErrorCode code = ErrorCode::NoError;
    if (type > quint8(MessageType::Cbor)) {
        code = ErrorCode::UnknownMessageType;
        why = Strings::tr("unknown message type %1").arg(type);
    } else if (!channel.isEmpty() && validatePayload(MessageType::Text, channel) != ErrorCode::NoError) {
        code = ErrorCode::InvalidChannelName;
        why = Strings::tr("channel name is not valid UTF-8");
    } else if (type != quint8(MessageType::Binary)) {
        code = validatePayload(MessageType(type), payload, &why);
    }

    const DecodeResult::Status status = code == ErrorCode::NoError
        ? DecodeResult::MessageReady
        : frameError(error, code, why, frame);
    if (status == DecodeResult::MessageReady)
        *message = MessageView(MessageType(type), payload, channel, id);
    input.consume(frameSize); // the bytes stay where they are until the buffer is next written to
    return status;
}

/*
 * The payload is not validated here: a test bench must be able to send a
 * deliberately malformed json or cbor frame to see how a peer copes.
 */
bool EnvelopeCodec::encode(const MessageView &message, QByteArray &output, Error *error) const
{
    const QByteArrayView channel = message.channelUtf8();
    const qint64 n = headerSize + channel.size() + message.payload().size();
    QString why;
    if (channel.size() > maxChannelSize)
        why = Strings::tr("channel name is %1 bytes; the envelope carries at most %2")
                  .arg(channel.size()).arg(maxChannelSize);
    else if (n > m_config.maxFrameSize || n > qint64(std::numeric_limits<quint32>::max()))
        why = Strings::tr("frame length %1 exceeds the maximum of %2").arg(n).arg(m_config.maxFrameSize);
    if (!why.isEmpty()) {
        if (error)
            *error = Error(ErrorCode::MessageTooLarge, why);
        return false;
    }

    // One size check and one copy per part: replies are encoded per frame on the echo path.
    const qsizetype start = output.size();
    output.resize(start + lengthSize + n);
    char *header = output.data() + start;
    qToBigEndian<quint32>(quint32(n), header);
    header[4] = char(message.type());
    header[5] = char(protocolVersion);
    qToBigEndian<quint16>(quint16(channel.size()), header + 6);
    qToBigEndian<quint32>(message.id(), header + 8);
    char *body = header + lengthSize + headerSize;
    if (!channel.isEmpty())
        std::memcpy(body, channel.data(), size_t(channel.size()));
    if (!message.payload().isEmpty())
        std::memcpy(body + channel.size(), message.payload().data(), size_t(message.payload().size()));
    return true;
}

} // namespace netcore
