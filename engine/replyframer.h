#pragma once

#include <netcore/codecconfig.h>

#include <QtCore/QString>

#include <memory>

namespace netcore {
class ByteBuffer;
class Codec;
}

namespace wirebench {

/**
 * Counts the complete frames in the bytes a server sends back, looking at
 * no more than it must: for the envelope codec only each frame's length
 * field (frame = 4 + N bytes); for raw (no framing) the echoed bytes in
 * units of the sent frame; for the other codecs netcore's own decoder.
 * One instance per connection: it keeps a partial frame between calls.
 */
class ReplyFramer
{
public:
    /** @p sentFrameSize: the wire size of one sent frame (the unit of the raw codec). */
    ReplyFramer(const netcore::CodecConfig &codec, qsizetype sentFrameSize);
    ~ReplyFramer();
    ReplyFramer(ReplyFramer &&) noexcept;
    Q_DISABLE_COPY(ReplyFramer)

    /**
     * The number of frames that @p size more bytes complete; -1, with
     * errorString() set, once the stream cannot be framed any more.
     */
    qint64 feed(const char *bytes, qsizetype size);

    QString errorString() const { return m_error; }

private:
    enum class Mode { EnvelopeLength, ByteCount, Decoder };

    qint64 feedEnvelope(const char *bytes, qsizetype size);
    qint64 feedDecoder(const char *bytes, qsizetype size);

    Mode m_mode = Mode::EnvelopeLength;
    netcore::CodecConfig m_codec;
    qint64 m_sentFrameSize = 0;

    // envelope: the length field (possibly split across reads), then the N bytes it announces
    quint32 m_length = 0;
    int m_lengthBytes = 0;
    qint64 m_bodyLeft = 0;

    // raw: echoed bytes not yet a whole frame
    qint64 m_partialBytes = 0;

    // other codecs, created on the first reply so idle connections cost nothing
    std::unique_ptr<netcore::Codec> m_decoder;
    std::unique_ptr<netcore::ByteBuffer> m_buffer;

    QString m_error;
};

} // namespace wirebench
