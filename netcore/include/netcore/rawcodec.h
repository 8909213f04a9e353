#pragma once

#include <netcore/codec.h>

namespace netcore {

/** No framing: each chunk of readable bytes is one binary message (docs/protocol.md section 6). */
class NETCORE_EXPORT RawCodec : public Codec
{
public:
    /** Raw has no parameters: @p config is only kept for config(). */
    explicit RawCodec(const CodecConfig &config);

    DecodeResult::Status decodeFrame(ByteBuffer &input, MessageView *message, Error *error) override;
    using Codec::encode;
    bool encode(const MessageView &message, QByteArray &output, Error *error = nullptr) const override;
};

} // namespace netcore
