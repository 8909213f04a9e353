#include "streamfeeder.h"

#include <tests/fuzz/fuzzcheck.h>

#include <netcore/bytebuffer.h>

#include <cstring>

namespace fuzz {

using netcore::ByteBuffer;
using netcore::DecodeResult;
using netcore::Error;
using netcore::ErrorCode;
using netcore::MessageView;

namespace {

bool isInside(QByteArrayView part, const char *begin, qsizetype size)
{
    return part.isEmpty() || (part.data() >= begin && part.data() + part.size() <= begin + size);
}

/** One decode call; returns its step, with the message copied out. */
Step decodeOnce(netcore::Codec &codec, ByteBuffer &buffer, bool viaDecodeFrame)
{
    Step step;
    const char *front = buffer.peek();
    const qsizetype before = buffer.readableBytes();
    if (!viaDecodeFrame) {
        DecodeResult result = codec.decode(buffer);
        step.status = result.status;
        step.message = std::move(result.message);
        step.error = std::move(result.error);
        step.size = before - buffer.readableBytes();
        return step;
    }
    MessageView view;
    step.status = codec.decodeFrame(buffer, &view, &step.error);
    step.size = before - buffer.readableBytes();
    if (step.status == DecodeResult::MessageReady) {
        // Zero copy: the message borrows exactly the bytes it consumed.
        FUZZ_CHECK(isInside(view.payload(), front, step.size));
        FUZZ_CHECK(isInside(view.channelUtf8(), front, step.size));
        step.message = view.toMessage();
    }
    return step;
}

void checkStep(const Step &step, QByteArrayView stream, qsizetype pendingBefore, qsizetype largestFrame)
{
    switch (step.status) {
    case DecodeResult::NeedMoreData:
        FUZZ_CHECK(step.size == 0);
        FUZZ_CHECK(step.error.code == ErrorCode::NoError);
        // Never wait for more than one frame: a hostile length is rejected, not buffered.
        FUZZ_CHECK(pendingBefore < largestFrame);
        break;
    case DecodeResult::MessageReady:
        FUZZ_CHECK(step.size > 0);
        FUZZ_CHECK(step.error.code == ErrorCode::NoError);
        FUZZ_CHECK(step.message.payload().size() <= step.size);
        break;
    case DecodeResult::FrameError:
        FUZZ_CHECK(step.size > 0);
        FUZZ_CHECK(step.error.isError() && !step.error.isStreamError());
        FUZZ_CHECK(!step.error.message.isEmpty());
        FUZZ_CHECK(step.error.rawFrame.size() <= Error::rawFrameLimit);
        FUZZ_CHECK(step.error.rawFrame
                   == stream.sliced(step.offset, qMin<qsizetype>(step.size, Error::rawFrameLimit)));
        break;
    case DecodeResult::StreamError:
        FUZZ_CHECK(step.error.isStreamError());
        FUZZ_CHECK(!step.error.message.isEmpty());
        break;
    default:
        FUZZ_CHECK(!"a status outside DecodeResult::Status");
    }
}

} // namespace

Transcript feedStream(netcore::Codec &codec, QByteArrayView stream, const Feeding &feeding,
                      qsizetype largestFrame)
{
    Transcript transcript;
    ByteBuffer buffer(0); // as FrameReader's: allocated by the first read
    qsizetype received = 0;
    qsizetype consumed = 0;
    qsizetype largestRead = 0;
    while (received < stream.size()) {
        const qsizetype read = qBound<qsizetype>(1, feeding.nextReadSize(), stream.size() - received);
        largestRead = qMax(largestRead, read);
        std::memcpy(buffer.beginWrite(read), stream.data() + received, size_t(read));
        buffer.commitWrite(read);
        received += read;
        FUZZ_CHECK(buffer.readableBytes() == received - consumed);
        FUZZ_CHECK(buffer.peek()[0] == stream[consumed]);
        FUZZ_CHECK(buffer.peek()[received - consumed - 1] == stream[received - 1]);
        // Less than a frame waits between reads, so growth stops at twice a frame plus a read.
        FUZZ_CHECK(buffer.capacity() <= 2 * (largestFrame + largestRead));

        for (;;) {
            const qsizetype pending = buffer.readableBytes();
            Step step = decodeOnce(codec, buffer, feeding.viaDecodeFrame);
            step.offset = consumed;
            checkStep(step, stream, pending, largestFrame);
            if (step.status == DecodeResult::NeedMoreData)
                break;
            consumed += step.size;
            FUZZ_CHECK(buffer.readableBytes() == received - consumed);
            const bool streamFailed = step.status == DecodeResult::StreamError;
            transcript.append(std::move(step));
            if (streamFailed)
                return transcript; // the contract: never fed again
        }
    }
    return transcript;
}

} // namespace fuzz
