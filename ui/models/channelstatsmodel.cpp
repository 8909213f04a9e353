#include "channelstatsmodel.h"

#include <ui/models/messageformat.h>

#include <QtCore/QVariant>

#include <algorithm>
#include <cmath>

namespace wirebench {

namespace {

/** Growth of a cumulative counter; a counter that went down was restarted (the bench was cleared). */
quint64 growth(quint64 now, quint64 base)
{
    return now >= base ? now - base : now;
}

bool channelLess(const QString &a, const QString &b)
{
    return a < b; // "" (the default channel) sorts first
}

} // namespace

ChannelStatsModel::ChannelStatsModel(QObject *parent) : QAbstractTableModel(parent) {}

ChannelStatsModel::~ChannelStatsModel() = default;

int ChannelStatsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ChannelStatsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChannelStatsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == LatestColumn && row.stats.latestTime.isValid())
            return tr("%1, %2 at %3:\n%4")
                .arg(netcore::messageTypeName(row.stats.latest.type()),
                     MessageFormat::sizeText(row.stats.latest.payload().size()),
                     MessageFormat::timeText(row.stats.latestTime),
                     MessageFormat::preview(row.stats.latest, false, 2000, 256));
        return displayData(row, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() != ChannelColumn && index.column() != LatestColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ChannelRole:
        return row.stats.channel;
    case RateInRole:
        return row.rateIn;
    case RateOutRole:
        return row.rateOut;
    case ByteRateInRole:
        return row.byteRateIn;
    case ByteRateOutRole:
        return row.byteRateOut;
    case LatestMessageRole:
        return QVariant::fromValue(row.stats.latest);
    default:
        return {};
    }
}

QVariant ChannelStatsModel::displayData(const Row &row, int column) const
{
    switch (column) {
    case ChannelColumn:
        return row.stats.channel.isEmpty() ? tr("(default)") : row.stats.channel;
    case MessagesInColumn:
        return QString::number(row.stats.messagesIn);
    case BytesInColumn:
        return MessageFormat::sizeText(qint64(row.stats.bytesIn));
    case MessagesOutColumn:
        return QString::number(row.stats.messagesOut);
    case BytesOutColumn:
        return MessageFormat::sizeText(qint64(row.stats.bytesOut));
    case RateInColumn:
        return tr("%1/s").arg(row.rateIn, 0, 'f', 1);
    case RateOutColumn:
        return tr("%1/s").arg(row.rateOut, 0, 'f', 1);
    case ByteRateInColumn:
        return tr("%1/s").arg(MessageFormat::sizeText(qRound64(row.byteRateIn)));
    case ByteRateOutColumn:
        return tr("%1/s").arg(MessageFormat::sizeText(qRound64(row.byteRateOut)));
    case LatestColumn:
        if (!row.stats.latestTime.isValid() && row.stats.latest.payload().isEmpty())
            return QString(); // nothing seen yet
        return MessageFormat::preview(row.stats.latest, false, 80, 24);
    default:
        return {};
    }
}

QVariant ChannelStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    // Count columns are narrow: a short header, the full name as its tooltip.
    const bool full = role == Qt::ToolTipRole;
    switch (section) {
    case ChannelColumn:
        return tr("Channel");
    case MessagesInColumn:
        return full ? tr("Messages in") : tr("In");
    case BytesInColumn:
        return tr("Bytes in");
    case MessagesOutColumn:
        return full ? tr("Messages out") : tr("Out");
    case BytesOutColumn:
        return tr("Bytes out");
    case RateInColumn:
        return full ? tr("Messages per second in") : tr("In/s");
    case RateOutColumn:
        return full ? tr("Messages per second out") : tr("Out/s");
    case ByteRateInColumn:
        return full ? tr("Bytes per second in") : tr("Bytes/s in");
    case ByteRateOutColumn:
        return full ? tr("Bytes per second out") : tr("Bytes/s out");
    case LatestColumn:
        return full ? tr("The latest message, either direction") : tr("Latest");
    default:
        return {};
    }
}

ChannelStatsModel::Row ChannelStatsModel::nextRow(const ChannelStats &stats, const Row *previous,
                                                  qint64 elapsedMsecs) const
{
    Row row;
    if (previous)
        row = *previous;
    row.stats = stats;
    if (!m_hasSample) {
        // No interval yet: this call is the baseline.
        row.baseMessagesIn = stats.messagesIn;
        row.baseBytesIn = stats.bytesIn;
        row.baseMessagesOut = stats.messagesOut;
        row.baseBytesOut = stats.bytesOut;
        return row;
    }
    if (elapsedMsecs <= 0)
        return row; // same instant again: keep the baseline, the next interval counts it all
    const double seconds = double(elapsedMsecs) / 1000.0;
    const double alpha = m_smoothingMsecs <= 0 ? 1.0 : 1.0 - std::exp(-double(elapsedMsecs) / m_smoothingMsecs);
    const auto smooth = [&](double *rate, quint64 now, quint64 *base) {
        const double instant = double(growth(now, *base)) / seconds;
        *rate = row.sampled ? *rate + alpha * (instant - *rate) : instant;
        *base = now;
    };
    smooth(&row.rateIn, stats.messagesIn, &row.baseMessagesIn);
    smooth(&row.byteRateIn, stats.bytesIn, &row.baseBytesIn);
    smooth(&row.rateOut, stats.messagesOut, &row.baseMessagesOut);
    smooth(&row.byteRateOut, stats.bytesOut, &row.baseBytesOut);
    row.sampled = true;
    return row;
}

quint32 ChannelStatsModel::changedColumns(const Row &before, const Row &after) const
{
    quint32 columns = 0;
    // Latest: compare the messages, not their (costlier) previews.
    if (before.stats.latest != after.stats.latest || before.stats.latestTime != after.stats.latestTime)
        columns |= 1u << LatestColumn;
    // Rates change in every call; compare what is shown so idle channels stay quiet.
    for (int column = ChannelColumn; column < LatestColumn; ++column) {
        if (displayData(before, column) != displayData(after, column))
            columns |= 1u << column;
    }
    return columns;
}

void ChannelStatsModel::setChannels(const QHash<QString, ChannelStats> &channels, qint64 nowMsecs)
{
    const qint64 elapsed = nowMsecs - m_lastMsecs;
    removeRowsNotIn(channels);

    // Update the rows that stay; row order is unchanged.
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const QString &channel = m_rows.at(i).stats.channel;
        ChannelStats stats = channels.value(channel);
        stats.channel = channel; // the hash key is the truth
        const Row next = nextRow(stats, &m_rows.at(i), elapsed);
        const quint32 columns = changedColumns(m_rows.at(i), next);
        m_rows[i] = next;
        if (columns == 0)
            continue;
        int first = 0;
        while (!(columns & (1u << first)))
            ++first;
        int last = ColumnCount - 1;
        while (!(columns & (1u << last)))
            --last;
        emit dataChanged(index(i, first), index(i, last));
    }

    // Insert new channels at their sorted place.
    QStringList added;
    for (auto it = channels.cbegin(); it != channels.cend(); ++it) {
        if (rowOfChannel(it.key()) < 0)
            added.append(it.key());
    }
    std::sort(added.begin(), added.end(), channelLess);
    for (const QString &channel : std::as_const(added)) {
        ChannelStats stats = channels.value(channel);
        stats.channel = channel; // the hash key is the truth
        const auto place = std::lower_bound(m_rows.cbegin(), m_rows.cend(), channel,
                                            [](const Row &row, const QString &c) { return channelLess(row.stats.channel, c); });
        const int at = int(place - m_rows.cbegin());
        // A channel born since the last sample: all its traffic happened in this interval.
        const Row row = nextRow(stats, nullptr, elapsed);
        beginInsertRows(QModelIndex(), at, at);
        m_rows.insert(at, row);
        endInsertRows();
    }

    if (!m_hasSample || elapsed > 0) {
        m_lastMsecs = nowMsecs;
        m_hasSample = true;
    }
}

void ChannelStatsModel::removeRowsNotIn(const QHash<QString, ChannelStats> &channels)
{
    for (int last = int(m_rows.size()) - 1; last >= 0; --last) {
        if (channels.contains(m_rows.at(last).stats.channel))
            continue;
        int first = last;
        while (first > 0 && !channels.contains(m_rows.at(first - 1).stats.channel))
            --first;
        beginRemoveRows(QModelIndex(), first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first;
    }
}

void ChannelStatsModel::clear()
{
    if (!m_rows.isEmpty()) {
        beginRemoveRows(QModelIndex(), 0, int(m_rows.size()) - 1);
        m_rows.clear();
        endRemoveRows();
    }
    m_hasSample = false;
    m_lastMsecs = 0;
}

void ChannelStatsModel::setSmoothingMsecs(int msecs)
{
    m_smoothingMsecs = std::max(0, msecs);
}

int ChannelStatsModel::smoothingMsecs() const
{
    return m_smoothingMsecs;
}

int ChannelStatsModel::rowOfChannel(const QString &channel) const
{
    const auto place = std::lower_bound(m_rows.cbegin(), m_rows.cend(), channel,
                                        [](const Row &row, const QString &c) { return channelLess(row.stats.channel, c); });
    if (place == m_rows.cend() || place->stats.channel != channel)
        return -1;
    return int(place - m_rows.cbegin());
}

ChannelStats ChannelStatsModel::stats(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return {};
    return m_rows.at(row).stats;
}

} // namespace wirebench
