#pragma once

#include <ui/models/ringtablemodel.h>

#include <engine/benchtypes.h>

namespace wirebench {

/**
 * The events panel: connects, disconnects with their reasons, refused
 * peers, frame and stream errors. A bounded ring like MessageLogModel (see
 * RingTableModel for append(), clear() and setCapacity()): one row
 * insertion per append(), the oldest rows go when it is full.
 */
class EventLogModel : public RingTableModel<BenchEvent>
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

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** The event shown at @p row (0 = oldest kept); a default event if out of range. */
    BenchEvent benchEvent(int row) const;

    /** "connected", "disconnected", "refused", "error", ... (translated). */
    static QString kindText(EventKind kind);

private:
    QVariant displayData(const BenchEvent &event, int column) const;
};

} // namespace wirebench
