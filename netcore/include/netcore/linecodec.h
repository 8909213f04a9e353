#pragma once

#include <netcore/codec.h>

namespace netcore {

/**
 * Frames ended by a delimiter byte string (docs/protocol.md section 5).
 *
 * @code
 * +--------------------------------+-----------+
 * | line: at most maxLineLength    | delimiter |   stripped on receive, appended on send
 * +--------------------------------+-----------+
 * @endcode
 */
class NETCORE_EXPORT LineCodec : public Codec
{
public:
    /**
     * Uses @p config's delimiter, maxLineLength and payloadType. If it does
     * not validate(), every call fails with InvalidConfiguration.
     */
    explicit LineCodec(const CodecConfig &config);

    DecodeResult::Status decodeFrame(ByteBuffer &input, MessageView *message, Error *error) override;
    using Codec::encode;
    bool encode(const MessageView &message, QByteArray &output, Error *error = nullptr) const override;

private:
    /** Why the configuration cannot be used (empty if it can); checked once, reported on use. */
    QString m_configProblem;
    /** Readable bytes already searched for the delimiter, so a long partial line is scanned once. */
    qsizetype m_scanned = 0;
};

} // namespace netcore
