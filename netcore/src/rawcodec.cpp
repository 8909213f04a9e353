#include <netcore/rawcodec.h>

#include <netcore/bytebuffer.h>

namespace netcore {

RawCodec::RawCodec(const CodecConfig &config) : Codec(config) {}

DecodeResult RawCodec::decode(ByteBuffer &input)
{
    if (input.isEmpty())
        return {};
    return {DecodeResult::MessageReady, Message::binary(input.take(input.readableBytes())), {}};
}

bool RawCodec::encode(const Message &message, QByteArray &output, Error *) const
{
    output.append(message.payload());
    return true;
}

} // namespace netcore
