#pragma once

#include <engine/benchtypes.h>

#include <QtCore/QAbstractTableModel>
#include <QtCore/QHash>
#include <QtCore/QList>

namespace wirebench {

/**
 * Traffic per channel, one row each, sorted by channel name (the default
 * channel "" first, shown as "(default)"): cumulative messages and bytes
 * in and out, their rates, and the latest message seen.
 *
 * Rates come from the growth of the counters between two setChannels()
 * calls divided by the time between them, smoothed by an exponential moving
 * average whose time constant is smoothingMsecs(): steady under an uneven
 * timer, and a burst fades instead of blinking. The first call has no
 * interval yet and gives 0; a channel's first interval is taken as is.
 */
class ChannelStatsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY(ChannelStatsModel)

public:
    static constexpr int defaultSmoothingMsecs = 1000;

    enum Columns {
        ChannelColumn,
        MessagesInColumn,
        BytesInColumn,
        MessagesOutColumn,
        BytesOutColumn,
        RateInColumn,      ///< messages/s in
        RateOutColumn,     ///< messages/s out
        ByteRateInColumn,  ///< bytes/s in
        ByteRateOutColumn, ///< bytes/s out
        LatestColumn,
        ColumnCount
    };
    Q_ENUM(Columns)

    enum Roles {
        ChannelRole = Qt::UserRole, ///< QString, "" for the default channel
        RateInRole,                 ///< double messages/s
        RateOutRole,                ///< double messages/s
        ByteRateInRole,             ///< double bytes/s
        ByteRateOutRole,            ///< double bytes/s
        LatestMessageRole,          ///< netcore::Message (QVariant::fromValue)
    };
    Q_ENUM(Roles)

    explicit ChannelStatsModel(QObject *parent = nullptr);
    ~ChannelStatsModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /**
     * Applies the cumulative counters of every channel as of @p nowMsecs (any
     * monotonic clock in milliseconds). Rows are added and removed as channels
     * come and go; rows whose shown values changed emit dataChanged().
     */
    void setChannels(const QHash<QString, ChannelStats> &channels, qint64 nowMsecs);
    /** Removes every row and forgets the previous sample. */
    void clear();

    /** The time constant of the rate smoothing; 0 shows each interval's rate as is. */
    void setSmoothingMsecs(int msecs);
    int smoothingMsecs() const;

    /** The row of @p channel, or -1. */
    int rowOfChannel(const QString &channel) const;
    /** The channel's counters as of the last call; default stats if out of range. */
    ChannelStats stats(int row) const;

private:
    struct Row
    {
        ChannelStats stats;
        /** The counters at the last rate sample: a rate is the growth from here. */
        quint64 baseMessagesIn = 0;
        quint64 baseBytesIn = 0;
        quint64 baseMessagesOut = 0;
        quint64 baseBytesOut = 0;
        double rateIn = 0;
        double rateOut = 0;
        double byteRateIn = 0;
        double byteRateOut = 0;
        bool sampled = false; ///< has a rate from at least one interval
    };

    Row nextRow(const ChannelStats &stats, const Row *previous, qint64 elapsedMsecs) const;
    QVariant displayData(const Row &row, int column) const;
    quint32 changedColumns(const Row &before, const Row &after) const;
    void removeRowsNotIn(const QHash<QString, ChannelStats> &channels);

    QList<Row> m_rows;
    qint64 m_lastMsecs = 0;
    bool m_hasSample = false;
    int m_smoothingMsecs = defaultSmoothingMsecs;
};

} // namespace wirebench
