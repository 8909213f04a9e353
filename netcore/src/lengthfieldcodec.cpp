#include <netcore/lengthfieldcodec.h>

#include <netcore/bytebuffer.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QtEndian>
#include <QtCore/qnumeric.h>

#include <limits>

namespace netcore {

namespace {

struct Strings
{
    Q_DECLARE_TR_FUNCTIONS(netcore::LengthFieldCodec)
};

/** The unsigned value of a @p size byte field at @p field. */
quint64 readField(const char *field, int size, QSysInfo::Endian order)
{
    const bool big = order == QSysInfo::BigEndian;
    switch (size) {
    case 1:
        return quint8(field[0]);
    case 2:
        return big ? qFromBigEndian<quint16>(field) : qFromLittleEndian<quint16>(field);
    case 3: {
        // No 24-bit integer type: assemble the bytes by hand.
        const quint32 first = quint8(field[0]), middle = quint8(field[1]), last = quint8(field[2]);
        return big ? (first << 16 | middle << 8 | last) : (last << 16 | middle << 8 | first);
    }
    case 4:
        return big ? qFromBigEndian<quint32>(field) : qFromLittleEndian<quint32>(field);
    case 8:
        return big ? qFromBigEndian<quint64>(field) : qFromLittleEndian<quint64>(field);
    }
    return 0; // validate() admits no other size
}

void writeField(quint64 value, char *field, int size, QSysInfo::Endian order)
{
    for (int i = 0; i < size; ++i) {
        const int shift = order == QSysInfo::BigEndian ? 8 * (size - 1 - i) : 8 * i;
        field[i] = char(quint8(value >> shift));
    }
}

// An 8-byte value above this is "too large", never a length: frame sizes are signed.
constexpr quint64 largestLength = quint64(std::numeric_limits<qint64>::max());

/** The largest value a @p size byte field carries that the decoder reads as a length. */
quint64 maxFieldValue(int size)
{
    return size == 8 ? largestLength : (quint64(1) << (8 * size)) - 1;
}

} // namespace

LengthFieldCodec::LengthFieldCodec(const CodecConfig &config)
    : Codec(config), m_configProblem(config.validate())
{
}

DecodeResult::Status LengthFieldCodec::decodeFrame(ByteBuffer &input, MessageView *message, Error *error)
{
    if (!m_configProblem.isEmpty())
        return streamError(error, ErrorCode::InvalidConfiguration, m_configProblem);

    const qint64 fieldEnd = qint64(m_config.lengthFieldOffset) + m_config.lengthFieldLength;
    const QByteArrayView bytes = input.readable();
    if (bytes.size() < fieldEnd)
        return DecodeResult::NeedMoreData;

    const quint64 fieldValue = readField(bytes.data() + m_config.lengthFieldOffset,
                                         m_config.lengthFieldLength, m_config.byteOrder);
    // validate() bounds the adjustment, so only the field's value can overflow the sum.
    qint64 frameLength = 0;
    const bool overflow = fieldValue > largestLength
        || qAddOverflow(qint64(fieldValue), m_config.lengthAdjustment + fieldEnd, &frameLength);
    if (!overflow && frameLength < fieldEnd)
        return streamError(error, ErrorCode::FrameTooShort,
                           Strings::tr("frame length %1 ends before the length field (%2 bytes)")
                               .arg(frameLength).arg(fieldEnd));
    if (overflow || frameLength > m_config.maxFrameSize)
        return streamError(error, ErrorCode::FrameTooLarge,
                           Strings::tr("length field %1 gives a frame above the maximum of %2 bytes")
                               .arg(fieldValue).arg(m_config.maxFrameSize));
    if (bytes.size() < frameLength)
        return DecodeResult::NeedMoreData;

    const QByteArrayView frame = bytes.first(frameLength);
    const qsizetype strip = m_config.effectiveStrip();
    QByteArrayView payload;
    QString why;
    ErrorCode code = ErrorCode::StripBeyondFrame;
    if (strip > frameLength) {
        why = Strings::tr("cannot strip %1 bytes from a frame of %2").arg(strip).arg(frameLength);
    } else {
        payload = frame.sliced(strip);
        code = validatePayload(m_config.payloadType, payload, &why);
    }

    const DecodeResult::Status status = code == ErrorCode::NoError
        ? DecodeResult::MessageReady
        : frameError(error, code, why, frame);
    if (status == DecodeResult::MessageReady)
        *message = MessageView(m_config.payloadType, payload);
    input.consume(frameLength);
    return status;
}

/*
 * The payload is the bytes that follow the length field; the field holds
 * payload size - lengthAdjustment so the same parameters decode it. That is
 * symmetric with decode() when initialBytesToStrip is offset + length (the
 * default); with a smaller strip the receiver also sees the header.
 */
bool LengthFieldCodec::encode(const MessageView &message, QByteArray &output, Error *error) const
{
    auto fail = [error](ErrorCode code, const QString &why) {
        if (error)
            *error = Error(code, why);
        return false;
    };
    if (!m_configProblem.isEmpty())
        return fail(ErrorCode::InvalidConfiguration, m_configProblem);

    const int fieldSize = m_config.lengthFieldLength;
    const qint64 fieldEnd = qint64(m_config.lengthFieldOffset) + fieldSize;
    const qint64 payloadSize = message.payload().size();
    const qint64 value = payloadSize - m_config.lengthAdjustment;
    if (value < 0 || quint64(value) > maxFieldValue(fieldSize))
        return fail(ErrorCode::MessageTooLarge,
                    Strings::tr("a payload of %1 bytes needs a length of %2, which a %3-byte field cannot carry")
                        .arg(payloadSize).arg(value).arg(fieldSize));
    if (fieldEnd + payloadSize > m_config.maxFrameSize)
        return fail(ErrorCode::MessageTooLarge,
                    Strings::tr("frame of %1 bytes exceeds the maximum of %2")
                        .arg(fieldEnd + payloadSize).arg(m_config.maxFrameSize));

    output.append(m_config.lengthFieldOffset, '\0');
    char field[8];
    writeField(quint64(value), field, fieldSize, m_config.byteOrder);
    output.append(field, fieldSize).append(message.payload());
    return true;
}

} // namespace netcore
