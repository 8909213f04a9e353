#pragma once

#include <netcore/codecconfig.h>

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <memory>

namespace netcore {
class ByteBuffer;
class Codec;
}

namespace wirebench {

/**
 * Counts the complete frames in the bytes a server sends back, and checks
 * each against the frame that was sent, byte for byte: an echo must return
 * what it got. Frames are found by each one's length field for the envelope
 * codec (frame = 4 + N bytes), in units of the sent frame for raw (no
 * framing), and by netcore's own decoder for the other codecs. A frame of
 * another length, or of the same length with other bytes, is counted (and
 * still answers a request, so the run goes on). One instance per
 * connection: it keeps a partial frame between calls.
 */
class ReplyFramer
{
public:
    /** @p sentFrame: one frame as sent, on the wire (its size is the unit of the raw codec). */
    ReplyFramer(const netcore::CodecConfig &codec, QByteArray sentFrame);
    ~ReplyFramer();
    ReplyFramer(ReplyFramer &&) noexcept;
    Q_DISABLE_COPY(ReplyFramer)

    /**
     * The number of frames that @p size more bytes complete; -1, with
     * errorString() set, once the stream cannot be framed any more.
     */
    qint64 feed(const char *bytes, qsizetype size);

    QString errorString() const { return m_error; }
    /** Frames of the sent frame's length whose bytes differ from it. */
    quint64 differingFrames() const { return m_differing; }
    /** Frames of another length than the sent frame's. */
    quint64 wrongLengthFrames() const { return m_wrongLength; }

private:
    enum class Mode { EnvelopeLength, ByteCount, Decoder };

    qint64 feedEnvelope(const char *bytes, qsizetype size);
    qint64 feedDecoder(const char *bytes, qsizetype size);
    /** Compares @p size received bytes with the sent frame's, from @p offset on. */
    bool matches(qsizetype offset, const char *bytes, qsizetype size) const;

    Mode m_mode = Mode::EnvelopeLength;
    netcore::CodecConfig m_codec;
    QByteArray m_sentFrame;
    qint64 m_sentFrameSize = 0;
    quint64 m_differing = 0;
    quint64 m_wrongLength = 0;

    // envelope: the length field (possibly split across reads), then the N bytes it announces
    quint32 m_length = 0;
    int m_lengthBytes = 0;
    qint64 m_bodyLeft = 0;
    qint64 m_bodyOffset = 0;   ///< where the body being read lies within the sent frame
    bool m_sameLength = false; ///< the frame being read announced the sent frame's length
    bool m_differs = false;    ///< a byte of the frame being read differed

    // raw: echoed bytes not yet a whole frame
    qint64 m_partialBytes = 0;

    // other codecs, created on the first reply so idle connections cost nothing
    std::unique_ptr<netcore::Codec> m_decoder;
    std::unique_ptr<netcore::ByteBuffer> m_buffer;

    QString m_error;
};

} // namespace wirebench
