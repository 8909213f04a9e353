#pragma once

#include <netcore/netcore_export.h>

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>

namespace netcore {

/**
 * A receive buffer that consumes from the front by moving an offset, so
 * decoding a frame never shifts the bytes behind it (after muduo's Buffer).
 *
 * @code
 * +-------------------+------------------+------------------+
 * | consumed bytes    |  readable bytes  |  writable bytes  |
 * |                   |     (content)    |                  |
 * +-------------------+------------------+------------------+
 * 0      <=      readIndex     <=    writeIndex    <=     capacity
 * @endcode
 *
 * Consumed space is reclaimed in one move when more room is needed.
 */
class NETCORE_EXPORT ByteBuffer
{
public:
    /** An empty buffer with @p initialCapacity bytes allocated up front. Not thread-safe: one owner at a time. */
    explicit ByteBuffer(qsizetype initialCapacity = 4096);

    /** Bytes appended and not consumed yet. */
    qsizetype readableBytes() const { return m_writeIndex - m_readIndex; }
    /** True when nothing is left to read (the memory may still be allocated). */
    bool isEmpty() const { return m_readIndex == m_writeIndex; }
    /** The readable bytes, valid until the next non-const call. */
    const char *peek() const { return m_storage.constData() + m_readIndex; }
    /** peek() as a view of readableBytes() bytes; valid as long as peek(). */
    QByteArrayView readable() const { return {peek(), readableBytes()}; }

    /** Consumes @p count readable bytes (clamped to what is there). */
    void consume(qsizetype count)
    {
        if (count >= readableBytes())
            clear();
        else
            m_readIndex += qMax<qsizetype>(count, 0);
    }
    /** Consumes @p count bytes and returns them. */
    QByteArray take(qsizetype count);
    /** Drops every readable byte and keeps the memory. */
    void clear() { m_readIndex = m_writeIndex = 0; }

    /** Copies @p bytes in behind the readable ones, growing if needed. */
    void append(QByteArrayView bytes);
    /** Room for at least @p count bytes at beginWrite(); reuses consumed space first. */
    char *beginWrite(qsizetype count);
    /** Marks @p count bytes written at beginWrite() as readable. */
    void commitWrite(qsizetype count);

    /** Allocated bytes, for memory accounting. */
    qsizetype capacity() const { return m_storage.size(); }
    /** Gives back memory above @p keep bytes once the buffer drained (after a burst). */
    void shrink(qsizetype keep);

private:
    QByteArray m_storage;
    qsizetype m_readIndex = 0;
    qsizetype m_writeIndex = 0;
};

} // namespace netcore
