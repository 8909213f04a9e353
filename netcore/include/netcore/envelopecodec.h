#pragma once

#include <netcore/codec.h>

namespace netcore {

/**
 * The native format: a uint32 big-endian length, type, version, channel and
 * id (docs/protocol.md section 3). All integers big-endian.
 *
 * @code
 * +----------------+-----------+-----------+--------------+-----------+---------+---------+
 * | N (u32)        | type (u8) | ver (u8)  | C (u16)      | id (u32)  | channel | payload |
 * | bytes after N  | 0..3      | 1         | channel size |           | C bytes | N-8-C   |
 * +----------------+-----------+-----------+--------------+-----------+---------+---------+
 * @endcode
 *
 * 8 <= N <= maxFrameSize and C <= N - 8, else a stream error.
 */
class NETCORE_EXPORT EnvelopeCodec : public Codec
{
public:
    /** Of @p config only maxFrameSize applies. */
    explicit EnvelopeCodec(const CodecConfig &config);

    DecodeResult::Status decodeFrame(ByteBuffer &input, MessageView *message, Error *error) override;
    using Codec::encode;
    bool encode(const MessageView &message, QByteArray &output, Error *error = nullptr) const override;
};

} // namespace netcore
