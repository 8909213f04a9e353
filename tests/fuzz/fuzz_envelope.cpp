// libFuzzer target: the envelope decoder (docs/protocol.md section 3).
#include <tests/fuzz/codecfuzzer.h>

using netcore::CodecConfig;

namespace {

CodecConfig envelopeWithMax(qint64 maxFrameSize)
{
    CodecConfig config = CodecConfig::envelope();
    config.maxFrameSize = maxFrameSize;
    return config;
}

/** Picked by the input's first byte; corpus/envelope's seeds count on this order. */
QList<CodecConfig> envelopeConfigs()
{
    return {
        envelopeWithMax(64),   // 0: hostile and boundary lengths within a few bytes
        envelopeWithMax(4200), // 1: a bad frame just beyond Error::rawFrameLimit
        CodecConfig::envelope(), // 2: the default, 16 MiB
    };
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QList<CodecConfig> configs = envelopeConfigs();
    fuzz::fuzzDecoder(configs, data, size);
    return 0;
}
