#include "framereader.h"

#include <QtCore/QIODevice>

namespace netcore {

namespace {
constexpr qint64 readChunk = 64 * 1024;
constexpr qsizetype idleBufferCapacity = 16 * 1024;
} // namespace

FrameReader::FrameReader(const CodecConfig &config)
    : m_codec(Codec::create(config)), m_buffer(0) // allocated on first data: an idle connection costs no buffer
{
}

FrameReader::Batch FrameReader::readFrom(QIODevice *device)
{
    Batch batch;
    while (!m_failed) {
        const qint64 available = device->bytesAvailable();
        if (available <= 0)
            break;
        const qint64 wanted = qMin(available, readChunk);
        const qint64 got = device->read(m_buffer.beginWrite(wanted), wanted);
        if (got <= 0)
            break;
        m_buffer.commitWrite(got);
        batch.bytesRead += got;
        decodeAll(batch);
    }
    // After a large frame, do not keep its buffer for a connection that goes quiet.
    m_buffer.shrink(idleBufferCapacity);
    return batch;
}

void FrameReader::decodeAll(Batch &batch)
{
    for (;;) {
        DecodeResult result = m_codec->decode(m_buffer);
        switch (result.status) {
        case DecodeResult::NeedMoreData:
            return;
        case DecodeResult::MessageReady:
            ++batch.messageCount;
            break;
        case DecodeResult::FrameError:
            break;
        case DecodeResult::StreamError:
            batch.streamFailed = true;
            m_failed = true;
            m_buffer.clear();
            break;
        }
        batch.results.append(std::move(result));
        if (m_failed)
            return;
    }
}

} // namespace netcore
