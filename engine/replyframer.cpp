#include "replyframer.h"

#include <netcore/bytebuffer.h>
#include <netcore/codec.h>

#include <QtCore/QtEndian>

#include <algorithm>
#include <cstring>

namespace wirebench {

namespace {
constexpr int lengthFieldSize = 4;      // envelope: N, not counted in N
constexpr quint32 minEnvelopeLength = 8; // type, version, channel length, id
} // namespace

ReplyFramer::ReplyFramer(const netcore::CodecConfig &codec, QByteArray sentFrame)
    : m_codec(codec), m_sentFrame(std::move(sentFrame)), m_sentFrameSize(std::max<qsizetype>(m_sentFrame.size(), 1))
{
    switch (codec.kind) {
    case netcore::CodecConfig::Kind::Envelope: m_mode = Mode::EnvelopeLength; break;
    case netcore::CodecConfig::Kind::Raw: m_mode = Mode::ByteCount; break;
    default: m_mode = Mode::Decoder; break;
    }
}

ReplyFramer::~ReplyFramer() = default;
ReplyFramer::ReplyFramer(ReplyFramer &&) noexcept = default;

qint64 ReplyFramer::feed(const char *bytes, qsizetype size)
{
    if (!m_error.isEmpty())
        return -1;
    switch (m_mode) {
    case Mode::EnvelopeLength:
        return feedEnvelope(bytes, size);
    case Mode::ByteCount: {
        qint64 frames = 0;
        while (size > 0) {
            const qint64 part = std::min<qint64>(size, m_sentFrameSize - m_partialBytes);
            m_differs = m_differs || !matches(m_partialBytes, bytes, part);
            bytes += part;
            size -= part;
            m_partialBytes += part;
            if (m_partialBytes == m_sentFrameSize) {
                ++frames;
                m_differing += m_differs ? 1 : 0;
                m_differs = false;
                m_partialBytes = 0;
            }
        }
        return frames;
    }
    case Mode::Decoder:
        return feedDecoder(bytes, size);
    }
    return 0;
}

qint64 ReplyFramer::feedEnvelope(const char *bytes, qsizetype size)
{
    qint64 frames = 0;
    const char *const end = bytes + size;
    while (bytes < end) {
        if (m_bodyLeft > 0) {
            const qint64 part = std::min<qint64>(m_bodyLeft, end - bytes);
            if (m_sameLength)
                m_differs = m_differs || !matches(m_bodyOffset, bytes, part);
            bytes += part;
            m_bodyLeft -= part;
            m_bodyOffset += part;
            if (m_bodyLeft == 0) {
                ++frames;
                m_differing += m_sameLength && m_differs ? 1 : 0;
                m_wrongLength += m_sameLength ? 0 : 1;
            }
            continue;
        }
        if (m_lengthBytes == 0 && end - bytes >= lengthFieldSize) {
            m_length = qFromBigEndian<quint32>(bytes);
            bytes += lengthFieldSize;
        } else {
            m_length = (m_length << 8) | quint8(*bytes++);
            if (++m_lengthBytes < lengthFieldSize)
                continue;
            m_lengthBytes = 0;
        }
        if (m_length < minEnvelopeLength || qint64(m_length) > m_codec.maxFrameSize) {
            m_error = QStringLiteral("the reply announces a frame of %1 bytes (envelope allows %2 to %3)")
                          .arg(m_length).arg(minEnvelopeLength).arg(m_codec.maxFrameSize);
            return -1;
        }
        m_bodyLeft = m_length;
        m_bodyOffset = lengthFieldSize;
        // Equal lengths mean equal length fields: only the body is left to compare.
        m_sameLength = qint64(m_length) + lengthFieldSize == m_sentFrameSize;
        m_differs = false;
        m_length = 0;
    }
    return frames;
}

qint64 ReplyFramer::feedDecoder(const char *bytes, qsizetype size)
{
    if (!m_decoder) {
        m_decoder = netcore::Codec::create(m_codec);
        m_buffer = std::make_unique<netcore::ByteBuffer>(std::max<qsizetype>(m_sentFrameSize, 256));
    }
    m_buffer->append(QByteArrayView(bytes, size));
    qint64 frames = 0;
    for (;;) {
        // The frame's bytes stay where they are while the decoder consumes them.
        const char *const frame = m_buffer->peek();
        const qsizetype before = m_buffer->readableBytes();
        const netcore::DecodeResult result = m_decoder->decode(*m_buffer);
        const qsizetype consumed = before - m_buffer->readableBytes();
        switch (result.status) {
        case netcore::DecodeResult::NeedMoreData:
            return frames;
        case netcore::DecodeResult::MessageReady:
        case netcore::DecodeResult::FrameError:  // its boundary held: it still came back
            ++frames;
            if (consumed != m_sentFrameSize)
                ++m_wrongLength;
            else if (!matches(0, frame, consumed))
                ++m_differing;
            break;
        case netcore::DecodeResult::StreamError:
            m_error = QStringLiteral("the reply cannot be framed: %1").arg(result.error.message);
            return -1;
        }
    }
}

bool ReplyFramer::matches(qsizetype offset, const char *bytes, qsizetype size) const
{
    return offset + size <= m_sentFrame.size() && std::memcmp(m_sentFrame.constData() + offset, bytes, size_t(size)) == 0;
}

} // namespace wirebench
