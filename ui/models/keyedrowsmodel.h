#pragma once

#include <QtCore/QAbstractTableModel>
#include <QtCore/QHash>
#include <QtCore/QList>

#include <vector>

namespace wirebench {

/**
 * A table of snapshot rows identified by a key (a server id, a connection
 * id, ...), kept in step with fresh snapshots by setRowsByKey(): rows whose
 * key went away are removed, new keys are appended, and rows that stayed
 * are updated in place with dataChanged() only where a shown value changed.
 * A snapshot taken 30 times a second thus costs a view nothing when
 * nothing moved.
 *
 * Subclasses say how to key a row and which columns differ between two
 * values of one row; they implement data() and headerData().
 */
template<typename T>
class KeyedRowsModel : public QAbstractTableModel
{
public:
    using Key = quint64;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    int columnCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : m_columnCount;
    }

protected:
    KeyedRowsModel(int columnCount, QObject *parent) : QAbstractTableModel(parent), m_columnCount(columnCount) {}

    virtual Key keyOf(const T &value) const = 0;
    /** Bit c is set when column c shows something different for @p after than for @p before. */
    virtual quint32 changedColumns(const T &before, const T &after) const = 0;

    /** The row showing @p key, or -1. */
    int rowOfKey(Key key) const { return m_rowOfKey.value(key, -1); }
    const T &rowAt(int row) const { return m_rows.at(row); }
    const QList<T> &rows() const { return m_rows; }

    /** Applies a full snapshot (see the class comment); the first of duplicate keys wins. */
    void setRowsByKey(const QList<T> &values)
    {
        QHash<Key, qsizetype> incoming;
        incoming.reserve(values.size());
        for (qsizetype i = 0; i < values.size(); ++i) {
            const Key key = keyOf(values.at(i));
            if (!incoming.contains(key))
                incoming.insert(key, i);
        }

        removeRowsNotIn(incoming);
        updateRowsFrom(values, incoming);
        appendRowsNotShown(values, incoming);
    }

private:
    void removeRowsNotIn(const QHash<Key, qsizetype> &incoming)
    {
        // Bottom up, one removal per run of adjacent rows, so row numbers above stay valid.
        int last = int(m_rows.size()) - 1;
        while (last >= 0) {
            if (incoming.contains(keyOf(m_rows.at(last)))) {
                --last;
                continue;
            }
            int first = last;
            while (first > 0 && !incoming.contains(keyOf(m_rows.at(first - 1))))
                --first;
            beginRemoveRows(QModelIndex(), first, last);
            m_rows.remove(first, last - first + 1);
            endRemoveRows();
            last = first - 1;
        }
        rebuildKeyIndex();
    }

    void updateRowsFrom(const QList<T> &values, const QHash<Key, qsizetype> &incoming)
    {
        int runFirst = -1;
        quint32 runColumns = 0;
        for (int row = 0; row <= int(m_rows.size()); ++row) {
            quint32 changed = 0;
            if (row < int(m_rows.size())) {
                const T &value = values.at(incoming.value(keyOf(m_rows.at(row))));
                changed = changedColumns(m_rows.at(row), value);
                m_rows[row] = value; // unshown fields (e.g. a server's connections) stay current too
            }
            if (changed != 0) {
                if (runFirst < 0)
                    runFirst = row;
                runColumns |= changed;
            } else if (runFirst >= 0) {
                emitRowsChanged(runFirst, row - 1, runColumns);
                runFirst = -1;
                runColumns = 0;
            }
        }
    }

    void appendRowsNotShown(const QList<T> &values, const QHash<Key, qsizetype> &incoming)
    {
        std::vector<qsizetype> added;
        for (qsizetype i = 0; i < values.size(); ++i) {
            const Key key = keyOf(values.at(i));
            if (incoming.value(key) == i && !m_rowOfKey.contains(key))
                added.push_back(i);
        }
        if (added.empty())
            return;
        const int first = int(m_rows.size());
        beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
        for (qsizetype i : added) {
            m_rowOfKey.insert(keyOf(values.at(i)), int(m_rows.size()));
            m_rows.append(values.at(i));
        }
        endInsertRows();
    }

    void emitRowsChanged(int first, int last, quint32 columns)
    {
        int firstColumn = 0;
        while (firstColumn < m_columnCount - 1 && !(columns & (1u << firstColumn)))
            ++firstColumn;
        int lastColumn = m_columnCount - 1;
        while (lastColumn > firstColumn && !(columns & (1u << lastColumn)))
            --lastColumn;
        emit dataChanged(index(first, firstColumn), index(last, lastColumn));
    }

    void rebuildKeyIndex()
    {
        m_rowOfKey.clear();
        for (int row = 0; row < int(m_rows.size()); ++row)
            m_rowOfKey.insert(keyOf(m_rows.at(row)), row);
    }

    QList<T> m_rows;
    QHash<Key, int> m_rowOfKey;
    int m_columnCount = 0;
};

} // namespace wirebench
