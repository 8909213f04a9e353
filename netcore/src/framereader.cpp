#include "framereader.h"

#include <QtCore/QIODevice>

namespace netcore {

namespace {
constexpr qint64 readChunk = 64 * 1024;
constexpr qsizetype idleBufferCapacity = 16 * 1024;
constexpr qsizetype hugeBufferCapacity = 4 * 1024 * 1024;
constexpr int underusedReadsBeforeShrink = 32;
} // namespace

FrameReader::FrameReader(const CodecConfig &config)
    : m_codec(Codec::create(config)), m_buffer(0) // allocated on first data: an idle connection costs no buffer
{
}

FrameReader::Batch FrameReader::readFrom(QIODevice *device)
{
    Batch batch;
    readFrom(device, batch, {});
    return batch;
}

void FrameReader::readFrom(QIODevice *device, Batch &batch, const std::function<bool()> &keepReading)
{
    batch.results.clear();
    batch.messageCount = 0;
    batch.bytesRead = 0;
    batch.streamFailed = false;
    qsizetype peak = 0;
    while (!m_failed && (!keepReading || keepReading())) {
        const qint64 available = device->bytesAvailable();
        if (available <= 0)
            break;
        const qint64 wanted = qMin(available, readChunk);
        const qint64 got = device->read(m_buffer.beginWrite(wanted), wanted);
        if (got <= 0)
            break;
        m_buffer.commitWrite(got);
        peak = qMax(peak, m_buffer.readableBytes());
        batch.bytesRead += got;
        decodeAll(batch);
    }
    // Give back a large buffer at once when it is huge, else once it went
    // unused for a while: a stream of 1 MiB frames keeps its buffer instead
    // of freeing and regrowing it (and faulting its pages in) every frame.
    m_underusedReads = peak <= idleBufferCapacity ? m_underusedReads + 1 : 0;
    if (m_buffer.capacity() > hugeBufferCapacity || m_underusedReads >= underusedReadsBeforeShrink)
        m_buffer.shrink(idleBufferCapacity);
}

void FrameReader::decodeAll(Batch &batch)
{
    for (;;) {
        MessageView message;
        Error error;
        const DecodeResult::Status status = m_codec->decodeFrame(m_buffer, &message, &error);
        if (status == DecodeResult::NeedMoreData)
            return;
        if (status == DecodeResult::MessageReady) {
            ++batch.messageCount;
            if (m_handler && m_handler(message))
                continue; // handled while still a view: nothing was copied
        } else if (status == DecodeResult::StreamError) {
            batch.streamFailed = true;
            m_failed = true;
        }
        DecodeResult result;
        result.status = status;
        if (status == DecodeResult::MessageReady)
            result.message = message.toMessage();
        result.error = std::move(error);
        batch.results.append(std::move(result));
        if (m_failed) {
            m_buffer.clear();
            return;
        }
    }
}

} // namespace netcore
