#include "codecfuzzer.h"

#include <tests/fuzz/fuzzcheck.h>
#include <tests/fuzz/readsizes.h>
#include <tests/fuzz/streamfeeder.h>

#include <netcore/bytebuffer.h>
#include <netcore/codec.h>

namespace fuzz {

using netcore::Codec;
using netcore::CodecConfig;
using netcore::DecodeResult;

namespace {

/** The most bytes one frame may span on the wire under @p config. */
qsizetype largestFrame(const CodecConfig &config)
{
    switch (config.kind) {
    case CodecConfig::Kind::Envelope:
        return 4 + config.maxFrameSize; // N does not count its own 4 bytes
    case CodecConfig::Kind::Length:
        return config.maxFrameSize; // the whole frame, header included
    case CodecConfig::Kind::Line:
        return qsizetype(config.maxLineLength) + config.delimiter.size();
    case CodecConfig::Kind::Raw:
        break;
    }
    FUZZ_CHECK(!"raw has no frames to fuzz");
    return 0;
}

/** Whether a decoded message encodes back to what it was: not when the length codec keeps part of the header. */
bool isSymmetric(const CodecConfig &config)
{
    return config.kind != CodecConfig::Kind::Length
        || config.effectiveStrip() == config.lengthFieldOffset + config.lengthFieldLength;
}

/** Whether it also encodes to the very same bytes: the length codec writes zeros before its field. */
bool isCanonical(const CodecConfig &config)
{
    return isSymmetric(config) && (config.kind != CodecConfig::Kind::Length || config.lengthFieldOffset == 0);
}

void checkRoundTrip(const CodecConfig &config, const Step &step, QByteArrayView stream)
{
    const auto codec = Codec::create(config);
    QByteArray wire;
    netcore::Error error;
    // What was decoded within the limits must be encodable within them.
    FUZZ_CHECK(codec->encode(step.message, wire, &error));
    if (isCanonical(config))
        FUZZ_CHECK(wire == stream.sliced(step.offset, step.size));

    netcore::ByteBuffer buffer;
    buffer.append(wire);
    const DecodeResult again = codec->decode(buffer);
    FUZZ_CHECK(again.status == DecodeResult::MessageReady);
    FUZZ_CHECK(again.message == step.message);
    FUZZ_CHECK(buffer.isEmpty());
}

} // namespace

void fuzzDecoder(const QList<CodecConfig> &configs, const uint8_t *data, size_t size)
{
    if (size == 0)
        return;
    const CodecConfig &config = configs.at(data[0] % configs.size());
    FUZZ_CHECK(config.validate().isEmpty()); // else only the config check would be fuzzed
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QByteArrayView stream = input.sliced(1);
    const qsizetype frameLimit = largestFrame(config);

    const auto wholeCodec = Codec::create(config);
    const Transcript whole = feedStream(*wholeCodec, stream, {[&] { return stream.size(); }, false}, frameLimit);

    ReadSizes readSizes(input);
    const auto splitCodec = Codec::create(config);
    const Transcript split = feedStream(*splitCodec, stream, {[&] { return readSizes.next(); }, true}, frameLimit);

    // Where the reads happened to split the stream must not change what it means.
    FUZZ_CHECK(whole == split);

    if (!isSymmetric(config))
        return;
    for (const Step &step : split) {
        if (step.status == DecodeResult::MessageReady)
            checkRoundTrip(config, step, stream);
    }
}

} // namespace fuzz
