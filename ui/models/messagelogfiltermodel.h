#pragma once

#include <QtCore/QSortFilterProxyModel>
#include <QtCore/QString>

#include <optional>

namespace wirebench {

/**
 * What the message log shows: a MessageLogModel (or any model with its
 * roles) filtered by text, channel, endpoint and direction, all combined.
 *
 * It never sorts: rows keep their arrival order, and rows the source
 * appends while a filter is set are filtered as they come. Changing a
 * filter re-filters every row in one layout change (layoutChanged(), not
 * row removals), which stays O(rows) on a 1,000,000 row log.
 */
class MessageLogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY(MessageLogFilterModel)

public:
    explicit MessageLogFilterModel(QObject *parent = nullptr);
    ~MessageLogFilterModel() override;

    /** Case-insensitive substring of the preview, the endpoint or the channel; empty = all. */
    void setTextFilter(const QString &text);
    QString textFilter() const;

    /** Only this channel (exact match); empty = every channel (see setDefaultChannelOnly()). */
    void setChannelFilter(const QString &channel);
    /** The channel shown alone; empty for every channel and for the default channel. */
    QString channelFilter() const;

    /**
     * Only the default channel "", which setChannelFilter() cannot ask for
     * (there, empty means every channel). setChannelFilter() ends it.
     */
    void setDefaultChannelOnly();
    bool isDefaultChannelOnly() const;

    /** Case-insensitive substring of the endpoint; empty = all. */
    void setEndpointFilter(const QString &endpoint);
    QString endpointFilter() const;

    /** -1 = both, else int(wirebench::Direction). */
    void setDirectionFilter(int direction);
    int directionFilter() const;

    /** True when any filter is set. */
    bool isFiltering() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();

    QString m_text;
    std::optional<QString> m_channel; ///< none = every channel; "" = the default channel
    QString m_endpoint;
    int m_direction = -1;
};

} // namespace wirebench
