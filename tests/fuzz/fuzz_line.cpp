// libFuzzer target: the line decoder (docs/protocol.md section 5) under several delimiters.
#include <tests/fuzz/codecfuzzer.h>

using netcore::CodecConfig;
using netcore::MessageType;

namespace {

CodecConfig lineConfig(const QByteArray &delimiter, int maxLineLength, MessageType payloadType)
{
    CodecConfig config = CodecConfig::line(delimiter);
    config.maxLineLength = maxLineLength;
    config.payloadType = payloadType;
    return config;
}

/** Picked by the input's first byte; corpus/line's seeds count on this order (append only). */
QList<CodecConfig> lineConfigs()
{
    return {
        lineConfig("\n", 16, MessageType::Text),                 // 0
        lineConfig("\r\n", 16, MessageType::Text),               // 1: a delimiter split across reads
        lineConfig(QByteArray(1, '\0'), 8, MessageType::Binary), // 2
        lineConfig("\r\n\r\n", 32, MessageType::Binary),         // 3: self-overlapping (border \r\n)
        lineConfig("<END>", 24, MessageType::Json),              // 4: near misses, json lines
        lineConfig("abab", 6, MessageType::Binary),              // 5: self-overlapping, tiny lines
        CodecConfig::line(),                                     // 6: the default, 64 KiB lines
    };
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QList<CodecConfig> configs = lineConfigs();
    fuzz::fuzzDecoder(configs, data, size);
    return 0;
}
