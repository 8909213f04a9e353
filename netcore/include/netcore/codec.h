#pragma once

#include <netcore/codecconfig.h>
#include <netcore/error.h>
#include <netcore/message.h>
#include <netcore/messageview.h>

#include <memory>

namespace netcore {

class ByteBuffer;

/** What one Codec::decode() call produced. */
struct DecodeResult
{
    /** How far one decode step got. */
    enum Status {
        NeedMoreData,  ///< no complete frame yet; nothing consumed that matters
        MessageReady,  ///< message holds the next message; its bytes are consumed
        FrameError,    ///< a bad frame was consumed and dropped; error says why; keep decoding
        StreamError,   ///< the stream cannot be framed any more; error says why; close it
    };

    /** The outcome; the other fields are set only where it says so. */
    Status status = NeedMoreData;
    /** With MessageReady: the message, an owning copy. */
    Message message;
    /** With FrameError or StreamError: why (a frame error keeps the bad frame). */
    Error error;
};

/**
 * Turns a byte stream into messages and messages into bytes. No sockets:
 * feed it a ByteBuffer. One decoder instance per stream (it may keep scan
 * state between calls); encode() is const and safe to call from any thread.
 */
class NETCORE_EXPORT Codec
{
public:
    virtual ~Codec();

    /**
     * Decodes at most one frame from the front of @p input and consumes its
     * bytes. On MessageReady, @p message is a view of them, valid until the
     * buffer is next written to: nothing is copied. On an error, @p error
     * says why (a frame error keeps a copy of the bad frame). Never
     * allocates more than the configured limits before the bytes have
     * arrived. After a StreamError the codec must not be fed again.
     */
    virtual DecodeResult::Status decodeFrame(ByteBuffer &input, MessageView *message, Error *error) = 0;

    /** decodeFrame() with the message copied out of the buffer. */
    DecodeResult decode(ByteBuffer &input);

    /**
     * Appends the wire form of @p message to @p output. Returns false, with
     * @p error set and @p output untouched, if the message cannot be encoded
     * within the codec's limits.
     */
    virtual bool encode(const MessageView &message, QByteArray &output, Error *error = nullptr) const = 0;
    /** encode() of an owning Message (through a view of it). */
    bool encode(const Message &message, QByteArray &output, Error *error = nullptr) const;

    /** A convenience for one message; empty if it cannot be encoded. */
    QByteArray encode(const Message &message) const;

    /** The parameters this codec was made with. */
    const CodecConfig &config() const { return m_config; }

    /** The codec @p config names; never null (an invalid config still yields its kind). */
    static std::unique_ptr<Codec> create(const CodecConfig &config);

protected:
    /** For subclasses: keeps @p config as it is (CodecConfig::validate() is the caller's or the subclass's). */
    explicit Codec(const CodecConfig &config) : m_config(config) {}

    /** Sets @p error and returns StreamError. */
    static DecodeResult::Status streamError(Error *error, ErrorCode code, QString why);
    /** Sets @p error, keeping at most Error::rawFrameLimit bytes of @p frame, and returns FrameError. */
    static DecodeResult::Status frameError(Error *error, ErrorCode code, QString why, QByteArrayView frame);

    /** The parameters, for subclasses; read-only after construction. */
    CodecConfig m_config;
};

/**
 * Checks that @p payload is what @p type promises (UTF-8 text, a JSON
 * object or array, exactly one CBOR item). Returns NoError or the frame
 * error that describes it; @p why gets a readable reason.
 */
NETCORE_EXPORT ErrorCode validatePayload(MessageType type, QByteArrayView payload, QString *why = nullptr);

} // namespace netcore

Q_DECLARE_METATYPE(netcore::DecodeResult)
