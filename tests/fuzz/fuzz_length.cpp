// libFuzzer target: the length-field decoder (docs/protocol.md section 4) under several parameter sets.
#include <tests/fuzz/codecfuzzer.h>

using netcore::CodecConfig;
using netcore::MessageType;

namespace {

CodecConfig lengthConfig(int offset, int fieldLength, qint64 adjustment, int strip, qint64 maxFrameSize,
                         QSysInfo::Endian order = QSysInfo::BigEndian,
                         MessageType payloadType = MessageType::Binary)
{
    CodecConfig config = CodecConfig::length(fieldLength, order);
    config.lengthFieldOffset = offset;
    config.lengthAdjustment = adjustment;
    config.initialBytesToStrip = strip;
    config.maxFrameSize = maxFrameSize;
    config.payloadType = payloadType;
    return config;
}

CodecConfig pythonComms(qint64 maxFrameSize)
{
    CodecConfig config = CodecConfig::pythonComms();
    config.maxFrameSize = maxFrameSize;
    return config;
}

/** Picked by the input's first byte; corpus/length's seeds count on this order (append only). */
QList<CodecConfig> lengthConfigs()
{
    constexpr auto little = QSysInfo::LittleEndian;
    return {
        lengthConfig(0, 4, 0, -1, 64),                           // 0: the default field, 4 bytes big-endian
        lengthConfig(2, 2, -2, -1, 100, little),                 // 1: offset, negative adjustment, header stripped
        lengthConfig(1, 2, 3, 1, 100, little),                   // 2: strip keeps the field: asymmetric
        lengthConfig(0, 1, 0, -1, 200),                          // 3: one byte; 201..255 are too large
        lengthConfig(0, 8, 0, -1, 128),                          // 4: eight bytes, values past qint64
        lengthConfig(0, 8, -8, -1, 128, little),                 // 5: the field counts itself
        lengthConfig(0, 8, -0x7fffffff, -1, 128),                // 6: the largest negative adjustment
        pythonComms(256),                                        // 7: the python-comms preset, json
        lengthConfig(0, 3, 0, -1, 300, little, MessageType::Text), // 8: three bytes, text
        // 9..15: Netty's examples, docs/protocol.md vectors netty-1 to netty-7.
        lengthConfig(0, 2, 0, 0, 64),
        lengthConfig(0, 2, 0, 2, 64),
        lengthConfig(0, 2, -2, 0, 64),
        lengthConfig(2, 3, 0, 0, 64),
        lengthConfig(0, 3, 2, 0, 64),
        lengthConfig(1, 2, 1, 3, 64),
        lengthConfig(1, 2, -3, 3, 64),
        lengthConfig(0, 2, 0, 5, 64), // 16: strips more than a short frame holds
    };
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QList<CodecConfig> configs = lengthConfigs();
    fuzz::fuzzDecoder(configs, data, size);
    return 0;
}
