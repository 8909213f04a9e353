#pragma once

#include "benchtypes.h"

#include <QtCore/QAbstractTableModel>

#include <memory>

namespace wirebench {

/**
 * The events panel: connects, disconnects with their reasons, refused
 * peers, frame and stream errors. A bounded ring like MessageLogModel: one
 * row insertion per append(), the oldest rows go when it is full.
 */
class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY(EventLogModel)

public:
    static constexpr int defaultCapacity = 100000;

    enum Columns { TimeColumn, KindColumn, EndpointColumn, TextColumn, ColumnCount };
    Q_ENUM(Columns)

    enum Roles {
        EventRole = Qt::UserRole, ///< the BenchEvent (QVariant::fromValue)
        KindRole,                 ///< int(wirebench::EventKind)
    };
    Q_ENUM(Roles)

    explicit EventLogModel(int capacity = defaultCapacity, QObject *parent = nullptr);
    ~EventLogModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** Appends a batch: one row insertion, after one removal if the ring overflows. */
    void append(const QList<BenchEvent> &events);
    void clear();
    /** Rows kept at most (at least 1); lowering it drops the oldest rows. */
    void setCapacity(int capacity);
    int capacity() const;

    /** The event shown at @p row (0 = oldest kept); a default event if out of range. */
    BenchEvent benchEvent(int row) const;

    /** "connected", "disconnected", "refused", "error", ... (translated). */
    static QString kindText(EventKind kind);

private:
    QVariant displayData(const BenchEvent &event, int column) const;

    class Private;
    std::unique_ptr<Private> d;
};

} // namespace wirebench
