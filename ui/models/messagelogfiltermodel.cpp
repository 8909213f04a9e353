#include "messagelogfiltermodel.h"

#include <ui/models/messagelogmodel.h>

namespace wirebench {

MessageLogFilterModel::MessageLogFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    // Rows the log appends are filtered as they come; sorting stays off (column -1).
    setDynamicSortFilter(true);
}

MessageLogFilterModel::~MessageLogFilterModel() = default;

void MessageLogFilterModel::setTextFilter(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    refilter();
}

QString MessageLogFilterModel::textFilter() const
{
    return m_text;
}

void MessageLogFilterModel::setChannelFilter(const QString &channel)
{
    std::optional<QString> wanted;
    if (!channel.isEmpty())
        wanted = channel;
    if (wanted == m_channel)
        return;
    m_channel = wanted;
    refilter();
}

QString MessageLogFilterModel::channelFilter() const
{
    return m_channel.value_or(QString());
}

void MessageLogFilterModel::setDefaultChannelOnly()
{
    if (isDefaultChannelOnly())
        return;
    m_channel = QString();
    refilter();
}

bool MessageLogFilterModel::isDefaultChannelOnly() const
{
    return m_channel.has_value() && m_channel->isEmpty();
}

void MessageLogFilterModel::setEndpointFilter(const QString &endpoint)
{
    if (endpoint == m_endpoint)
        return;
    m_endpoint = endpoint;
    refilter();
}

QString MessageLogFilterModel::endpointFilter() const
{
    return m_endpoint;
}

void MessageLogFilterModel::setDirectionFilter(int direction)
{
    if (direction < 0)
        direction = -1;
    if (direction == m_direction)
        return;
    m_direction = direction;
    refilter();
}

int MessageLogFilterModel::directionFilter() const
{
    return m_direction;
}

void MessageLogFilterModel::refilter()
{
    // invalidateFilter() removes and inserts rows interval by interval, each costing O(rows):
    // a filter that keeps every other row of a 1,000,000 row log would take minutes. A full
    // remap (one layout change) is O(rows), and persistent indexes (selection, current) survive.
    invalidate();
}

bool MessageLogFilterModel::isFiltering() const
{
    return !m_text.isEmpty() || m_channel.has_value() || !m_endpoint.isEmpty() || m_direction >= 0;
}

bool MessageLogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!isFiltering())
        return true;
    const QAbstractItemModel *source = sourceModel();
    const QModelIndex row = source->index(sourceRow, MessageLogModel::TimeColumn, sourceParent);
    // Cheapest tests first: the text filter formats a preview.
    if (m_direction >= 0 && row.data(MessageLogModel::DirectionRole).toInt() != m_direction)
        return false;
    const QString channel = row.data(MessageLogModel::ChannelRole).toString();
    if (m_channel && channel != *m_channel)
        return false;
    const QString endpoint = row.data(MessageLogModel::EndpointRole).toString();
    if (!m_endpoint.isEmpty() && !endpoint.contains(m_endpoint, Qt::CaseInsensitive))
        return false;
    if (m_text.isEmpty() || endpoint.contains(m_text, Qt::CaseInsensitive)
        || channel.contains(m_text, Qt::CaseInsensitive))
        return true;
    const QModelIndex preview = source->index(sourceRow, MessageLogModel::PreviewColumn, sourceParent);
    return preview.data(Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace wirebench
