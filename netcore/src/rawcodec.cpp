#include <netcore/rawcodec.h>

#include <netcore/bytebuffer.h>

namespace netcore {

RawCodec::RawCodec(const CodecConfig &config) : Codec(config) {}

DecodeResult::Status RawCodec::decodeFrame(ByteBuffer &input, MessageView *message, Error *)
{
    if (input.isEmpty())
        return DecodeResult::NeedMoreData;
    const QByteArrayView chunk = input.readable();
    input.consume(chunk.size()); // the bytes stay in place until the buffer is next written
    *message = MessageView(MessageType::Binary, chunk);
    return DecodeResult::MessageReady;
}

bool RawCodec::encode(const MessageView &message, QByteArray &output, Error *) const
{
    output.append(message.payload());
    return true;
}

} // namespace netcore
