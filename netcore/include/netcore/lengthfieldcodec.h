#pragma once

#include <netcore/codec.h>

namespace netcore {

/**
 * A configurable length field, with the parameters of Netty's
 * LengthFieldBasedFrameDecoder (docs/protocol.md section 4).
 *
 * @code
 * +---------------------+--------------------+------------------------------------+
 * | lengthFieldOffset   | length field       | fieldValue + lengthAdjustment      |
 * | bytes (zero on send)| 1, 2, 3, 4, 8 bytes| bytes                              |
 * +---------------------+--------------------+------------------------------------+
 * |<-- initialBytesToStrip -->|<-- decoded payload ------------------------------>|
 * @endcode
 *
 * On send, the message payload is the bytes that follow the length field, so
 * encode() and decode() are symmetric when initialBytesToStrip is offset +
 * length (the default).
 */
class NETCORE_EXPORT LengthFieldCodec : public Codec
{
public:
    /**
     * Uses @p config's length field parameters, maxFrameSize and payloadType. If
     * it does not validate(), every call fails with InvalidConfiguration.
     */
    explicit LengthFieldCodec(const CodecConfig &config);

    DecodeResult::Status decodeFrame(ByteBuffer &input, MessageView *message, Error *error) override;
    using Codec::encode;
    bool encode(const MessageView &message, QByteArray &output, Error *error = nullptr) const override;

private:
    /** Why the configuration cannot be used (empty if it can); checked once, reported on use. */
    QString m_configProblem;
};

} // namespace netcore
