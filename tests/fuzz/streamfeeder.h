#pragma once

#include <netcore/codec.h>

#include <QtCore/QByteArrayView>
#include <QtCore/QList>

#include <functional>

namespace fuzz {

/** One decode call that produced something: what, and which bytes of the stream it consumed. */
struct Step
{
    netcore::DecodeResult::Status status = netcore::DecodeResult::NeedMoreData;
    qsizetype offset = 0; ///< where its bytes start in the stream
    qsizetype size = 0;   ///< how many bytes it consumed
    netcore::Message message;
    netcore::Error error;

    friend bool operator==(const Step &a, const Step &b)
    {
        return a.status == b.status && a.offset == b.offset && a.size == b.size && a.message == b.message
            && a.error.code == b.error.code && a.error.message == b.error.message
            && a.error.rawFrame == b.error.rawFrame;
    }
};

/** Every result but NeedMoreData, in order; a StreamError is last. */
using Transcript = QList<Step>;

/** How a stream reaches the codec. */
struct Feeding
{
    /** The size of the next socket read (clamped to what is left). */
    std::function<qsizetype()> nextReadSize;
    /** decodeFrame() as a connection calls it, else decode(). */
    bool viaDecodeFrame = true;
};

/**
 * Feeds @p stream to @p codec as a connection does: each read appended to
 * one ByteBuffer, then decoded until NeedMoreData or a StreamError, after
 * which the codec is not called again. Aborts as soon as a call breaks the
 * Codec contract: a message or frame error that consumed nothing,
 * NeedMoreData that consumed something, a message that is not a view of
 * the bytes it consumed, a raw frame that is not the first
 * Error::rawFrameLimit bytes of the bad frame, an error of the wrong class,
 * or more than @p largestFrame bytes (one frame under the codec's config)
 * left waiting, or a buffer grown beyond twice that plus a read.
 */
Transcript feedStream(netcore::Codec &codec, QByteArrayView stream, const Feeding &feeding,
                      qsizetype largestFrame);

} // namespace fuzz
