#pragma once

#include <netcore/bytebuffer.h>
#include <netcore/codec.h>

#include <QtCore/QList>

#include <functional>
#include <memory>

class QIODevice;

namespace netcore {

/**
 * Reads what a socket has and decodes it with one codec instance: the part
 * a server connection and a client share. Reads in bounded chunks and
 * decodes between them, so the buffer never holds much more than one frame.
 */
class FrameReader
{
public:
    /** What one read produced: messages and frame errors in arrival order. */
    struct Batch
    {
        QList<DecodeResult> results;
        int messageCount = 0;
        qint64 bytesRead = 0;
        /** A stream error happened: the last error says which; stop reading, close. */
        bool streamFailed = false;
    };

    /** Sees each message while it is still a view of the buffer; true = handled, leave it out of the batch. */
    using MessageHandler = std::function<bool(const MessageView &message)>;

    explicit FrameReader(const CodecConfig &config);

    void setMessageHandler(MessageHandler handler) { m_handler = std::move(handler); }

    /**
     * Reads and decodes what @p device has available now into @p batch
     * (cleared first): everything, or until @p keepReading, asked before
     * each chunk, says stop (the rest stays in the device).
     */
    void readFrom(QIODevice *device, Batch &batch, const std::function<bool()> &keepReading = {});
    Batch readFrom(QIODevice *device);
    bool hasFailed() const { return m_failed; }

private:
    void decodeAll(Batch &batch);

    std::unique_ptr<Codec> m_codec;
    MessageHandler m_handler;
    ByteBuffer m_buffer;
    bool m_failed = false;
    int m_underusedReads = 0; ///< reads in a row that needed no more than the idle capacity
};

} // namespace netcore
