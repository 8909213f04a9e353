#include <netcore/bytebuffer.h>

#include <cstring>

namespace netcore {

ByteBuffer::ByteBuffer(qsizetype initialCapacity)
{
    m_storage.resize(initialCapacity);
}

QByteArray ByteBuffer::take(qsizetype count)
{
    count = qBound<qsizetype>(0, count, readableBytes());
    QByteArray bytes(peek(), count);
    consume(count);
    return bytes;
}

void ByteBuffer::append(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    std::memcpy(beginWrite(bytes.size()), bytes.data(), size_t(bytes.size()));
    commitWrite(bytes.size());
}

char *ByteBuffer::beginWrite(qsizetype count)
{
    if (m_storage.size() - m_writeIndex < count) {
        const qsizetype readable = readableBytes();
        if (m_readIndex + (m_storage.size() - m_writeIndex) >= count) {
            // Enough room once the consumed front is reclaimed: one move, no allocation.
            std::memmove(m_storage.data(), m_storage.constData() + m_readIndex, size_t(readable));
        } else {
            QByteArray grown;
            grown.resize(qMax(readable + count, m_storage.size() * 2));
            std::memcpy(grown.data(), m_storage.constData() + m_readIndex, size_t(readable));
            m_storage = std::move(grown);
        }
        m_readIndex = 0;
        m_writeIndex = readable;
    }
    return m_storage.data() + m_writeIndex;
}

void ByteBuffer::commitWrite(qsizetype count)
{
    m_writeIndex = qMin(m_writeIndex + qMax<qsizetype>(count, 0), m_storage.size());
}

void ByteBuffer::shrink(qsizetype keep)
{
    if (!isEmpty() || m_storage.size() <= keep)
        return;
    clear();
    m_storage = QByteArray();
    m_storage.resize(keep);
}

} // namespace netcore
