#pragma once

#include <QtCore/QtGlobal>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

namespace wirebench {

/**
 * A bounded FIFO of values stored once: the storage behind the log models.
 * Logical index 0 is the oldest value kept.
 *
 * @code
 *   capacity 10, full and wrapped; slots live in blocks (4096 slots each in
 *   real use, 4 here to draw it):
 *
 *     slot      0    1    2    3  |  4    5    6    7  |  8    9
 *             +----+----+----+----+----+----+----+----+----+----+
 *             | k  | l  | c  | d  | e  | f  | g  | h  | i  | j  |
 *             +----+----+----+----+----+----+----+----+----+----+
 *                        ^ m_head (logical 0 = "c", logical 9 = "l")
 *     logical i lives in slot (m_head + i) % capacity
 * @endcode
 *
 * Blocks are allocated as the ring first fills, so an idle log with a
 * 1,000,000 row capacity costs nothing, and growing never moves what is
 * stored (no pause while a big vector reallocates). Until the ring first
 * wraps, the live values are exactly slots [m_head, m_usedSlots), so an
 * append takes the next unused slot.
 */
template<typename T>
class RingBuffer
{
public:
    static constexpr int blockShift = 12;
    static constexpr int blockSize = 1 << blockShift;

    explicit RingBuffer(int capacity) : m_capacity(std::max(1, capacity)) {}

    int capacity() const { return m_capacity; }
    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    bool isFull() const { return m_size == m_capacity; }

    /** The value at logical @p index (0 = oldest); the index must be valid. */
    const T &at(int index) const
    {
        Q_ASSERT(index >= 0 && index < m_size);
        return slot(physical(index));
    }

    T &at(int index)
    {
        Q_ASSERT(index >= 0 && index < m_size);
        return slot(physical(index));
    }

    /** Appends @p value; the ring must not be full (pop_front() first). */
    void push_back(T value)
    {
        Q_ASSERT(m_size < m_capacity);
        const int index = physical(m_size);
        if (index == m_usedSlots) {
            if ((index >> blockShift) == int(m_blocks.size()))
                m_blocks.emplace_back(new T[size_t(std::min(blockSize, m_capacity - index))]);
            ++m_usedSlots;
        }
        slot(index) = std::move(value);
        ++m_size;
    }

    /** Drops the @p count oldest values. */
    void pop_front(int count)
    {
        count = std::min(count, m_size);
        for (int i = 0; i < count; ++i)
            slot(physical(i)) = T(); // frees the payloads now, not when the slot is reused
        m_head = physical(count);
        m_size -= count;
    }

    /** Drops every value and gives the memory back. */
    void clear()
    {
        m_blocks.clear();
        m_usedSlots = 0;
        m_head = 0;
        m_size = 0;
    }

    /** Changes the capacity, keeping the newest values that fit. */
    void setCapacity(int capacity)
    {
        RingBuffer other(capacity);
        pop_front(m_size - std::min(m_size, other.m_capacity));
        for (int i = 0; i < m_size; ++i)
            other.push_back(std::move(slot(physical(i))));
        *this = std::move(other);
    }

private:
    int physical(int logical) const { return int((qint64(m_head) + logical) % m_capacity); }
    T &slot(int index) { return m_blocks[size_t(index >> blockShift)][index & (blockSize - 1)]; }
    const T &slot(int index) const { return m_blocks[size_t(index >> blockShift)][index & (blockSize - 1)]; }

    std::vector<std::unique_ptr<T[]>> m_blocks;
    int m_capacity = 1;
    int m_usedSlots = 0; ///< slots ever written: [0, m_usedSlots) are allocated
    int m_head = 0;
    int m_size = 0;
};

} // namespace wirebench
