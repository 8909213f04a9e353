#pragma once

#include <netcore/codecconfig.h>

#include <QtCore/QList>

#include <cstddef>
#include <cstdint>

namespace fuzz {

/**
 * Runs one libFuzzer input against a decoder. The first byte picks the
 * codec's parameters from @p configs (modulo their count); the rest is the
 * byte stream a peer sent.
 *
 * The stream is decoded twice, by fresh codecs: in one read through
 * decode(), and in reads of varying size through decodeFrame(). Every call
 * must keep the Codec contract (see feedStream()); both must tell the same
 * story, frame for frame; and every message must re-encode to the bytes it
 * came from and decode back to itself, where the parameters are symmetric.
 * Aborts on the first violation.
 */
void fuzzDecoder(const QList<netcore::CodecConfig> &configs, const uint8_t *data, size_t size);

} // namespace fuzz
