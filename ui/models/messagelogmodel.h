#pragma once

#include <ui/models/ringtablemodel.h>

#include <engine/benchtypes.h>

#include <memory>

namespace wirebench {

/**
 * The message log: every message in and out, one row each, over a bounded
 * ring (the oldest rows go when it is full). A virtual model: entries are
 * stored once as they came and formatted only when a view asks, so data()
 * costs the same at 10 rows or at 1,000,000.
 *
 * append() takes a whole batch with one row insertion (and, when the ring
 * overflows, one removal of the oldest rows before it), which is what keeps
 * a view responsive under a flood; see RingTableModel.
 *
 * Payloads over LogEntry::payloadKeepLimit that came whole stay whole while
 * they add up to at most LogEntry::wholePayloadBudget bytes: past it, the oldest are
 * cut to LogEntry::payloadKeepLimit (the row stays). So a picture of a few
 * MiB can be inspected, and a flood of them costs a bounded amount.
 */
class MessageLogModel : public RingTableModel<LogEntry>
{
    Q_OBJECT
    Q_DISABLE_COPY(MessageLogModel)

public:
    static constexpr int defaultCapacity = 1000000;

    enum Columns {
        TimeColumn,
        DirectionColumn,
        EndpointColumn,
        ChannelColumn,
        TypeColumn,
        IdColumn,
        SizeColumn,
        PreviewColumn,
        ColumnCount
    };
    Q_ENUM(Columns)

    enum Roles {
        EntryRole = Qt::UserRole, ///< the LogEntry (QVariant::fromValue)
        SequenceRole,             ///< qint64 LogEntry::sequence
        DirectionRole,            ///< int(wirebench::Direction)
        ChannelRole,              ///< QString, "" for the default channel
        EndpointRole,             ///< QString
    };
    Q_ENUM(Roles)

    explicit MessageLogModel(int capacity = defaultCapacity, QObject *parent = nullptr);
    ~MessageLogModel() override;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** The entry shown at @p row (0 = oldest kept); a default entry if out of range. */
    LogEntry entry(int row) const;

private:
    QVariant displayData(const LogEntry &entry, int column) const;
    QVariant toolTipData(const LogEntry &entry, int column) const;
    void onRowsInserted(int first, int last);
    void onRowsRemoved(int first, int last);

    class Private;
    std::unique_ptr<Private> d;
};

} // namespace wirebench
