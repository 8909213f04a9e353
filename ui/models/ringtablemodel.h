#pragma once

#include <ui/models/ringbuffer.h>

#include <QtCore/QAbstractTableModel>
#include <QtCore/QList>

#include <algorithm>

namespace wirebench {

/**
 * A table over a bounded ring of values: row 0 is the oldest value kept,
 * and the oldest rows go when the ring is full. The storage behind the
 * message and event logs.
 *
 * append() takes a whole batch with one row insertion (and, when the ring
 * overflows, one removal of the oldest rows before it), which is what keeps
 * a view responsive under a flood.
 *
 * Subclasses say what a row shows: they implement data() and headerData(),
 * reading values with rowAt().
 */
template<typename T>
class RingTableModel : public QAbstractTableModel
{
public:
    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : m_ring.size();
    }

    int columnCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : m_columnCount;
    }

    /** Appends a batch: one row insertion, after one removal if the ring overflows. */
    void append(const QList<T> &values)
    {
        if (values.isEmpty())
            return;
        // A batch larger than the ring keeps only its newest values.
        const int incoming = int(std::min<qsizetype>(values.size(), m_ring.capacity()));
        removeOldest(m_ring.size() + incoming - m_ring.capacity());
        const int first = m_ring.size();
        beginInsertRows(QModelIndex(), first, first + incoming - 1);
        for (qsizetype i = values.size() - incoming; i < values.size(); ++i)
            m_ring.push_back(values.at(i));
        endInsertRows();
    }

    /** Removes every row and frees their memory. */
    void clear()
    {
        if (m_ring.isEmpty())
            return;
        beginRemoveRows(QModelIndex(), 0, m_ring.size() - 1);
        m_ring.clear();
        endRemoveRows();
    }

    /** Rows kept at most (at least 1); lowering it drops the oldest rows. */
    void setCapacity(int capacity)
    {
        capacity = std::max(1, capacity);
        if (capacity == m_ring.capacity())
            return;
        removeOldest(m_ring.size() - capacity);
        m_ring.setCapacity(capacity); // the order of the kept rows does not change
    }

    int capacity() const { return m_ring.capacity(); }

protected:
    RingTableModel(int capacity, int columnCount, QObject *parent)
        : QAbstractTableModel(parent), m_ring(capacity), m_columnCount(columnCount)
    {
    }

    /** The value at @p row, which must be valid. */
    const T &rowAt(int row) const { return m_ring.at(row); }

    /** The value at @p row, which must be valid, to change in place (then emit dataChanged()). */
    T &mutableRowAt(int row) { return m_ring.at(row); }

    /** The value at @p row; a default value if out of range. */
    T valueAt(int row) const
    {
        if (row < 0 || row >= m_ring.size())
            return T();
        return m_ring.at(row);
    }

private:
    /** Drops the @p count oldest rows (none if @p count <= 0) in one removal. */
    void removeOldest(int count)
    {
        if (count <= 0)
            return;
        beginRemoveRows(QModelIndex(), 0, count - 1);
        m_ring.pop_front(count);
        endRemoveRows();
    }

    RingBuffer<T> m_ring;
    int m_columnCount = 0;
};

} // namespace wirebench
