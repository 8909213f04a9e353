#include "eventlogmodel.h"

#include "messageformat.h"
#include "ringbuffer.h"

#include <QtGui/QBrush>
#include <QtGui/QColor>

#include <algorithm>

namespace wirebench {

class EventLogModel::Private
{
public:
    explicit Private(int capacity) : m_ring(capacity) {}

    RingBuffer<BenchEvent> m_ring;
};

EventLogModel::EventLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent), d(std::make_unique<Private>(capacity))
{
}

EventLogModel::~EventLogModel() = default;

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : d->m_ring.size();
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BenchEvent &event = d->m_ring.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(event, index.column());
    case Qt::ToolTipRole:
        if (event.code != netcore::ErrorCode::NoError)
            return QStringLiteral("%1 (%2)").arg(event.text, netcore::errorCodeName(event.code));
        return event.text;
    case Qt::ForegroundRole:
        // Errors and refusals are what a user scans this panel for.
        if (event.kind == EventKind::Error || event.kind == EventKind::Refused)
            return QBrush(QColor(0xc0, 0x20, 0x20));
        return {};
    case EventRole:
        return QVariant::fromValue(event);
    case KindRole:
        return int(event.kind);
    default:
        return {};
    }
}

QVariant EventLogModel::displayData(const BenchEvent &event, int column) const
{
    switch (column) {
    case TimeColumn:
        return MessageFormat::timeText(event.time);
    case KindColumn:
        return kindText(event.kind);
    case EndpointColumn:
        return event.endpoint;
    case TextColumn:
        return MessageFormat::singleLine(event.text);
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case KindColumn:
        return tr("Event");
    case EndpointColumn:
        return tr("Endpoint");
    case TextColumn:
        return tr("Details");
    default:
        return {};
    }
}

QString EventLogModel::kindText(EventKind kind)
{
    switch (kind) {
    case EventKind::Connected:
        return tr("connected");
    case EventKind::Disconnected:
        return tr("disconnected");
    case EventKind::Refused:
        return tr("refused");
    case EventKind::Error:
        return tr("error");
    case EventKind::ServerStarted:
        return tr("server started");
    case EventKind::ServerStopped:
        return tr("server stopped");
    case EventKind::Info:
        return tr("info");
    }
    return {};
}

void EventLogModel::append(const QList<BenchEvent> &events)
{
    if (events.isEmpty())
        return;
    RingBuffer<BenchEvent> &ring = d->m_ring;
    const int incoming = int(std::min<qsizetype>(events.size(), ring.capacity()));
    const int evicted = std::max(0, ring.size() + incoming - ring.capacity());
    if (evicted > 0) {
        beginRemoveRows(QModelIndex(), 0, evicted - 1);
        ring.pop_front(evicted);
        endRemoveRows();
    }
    const int first = ring.size();
    beginInsertRows(QModelIndex(), first, first + incoming - 1);
    for (qsizetype i = events.size() - incoming; i < events.size(); ++i)
        ring.push_back(events.at(i));
    endInsertRows();
}

void EventLogModel::clear()
{
    if (d->m_ring.isEmpty())
        return;
    beginRemoveRows(QModelIndex(), 0, d->m_ring.size() - 1);
    d->m_ring.clear();
    endRemoveRows();
}

void EventLogModel::setCapacity(int capacity)
{
    capacity = std::max(1, capacity);
    const int evicted = d->m_ring.size() - capacity;
    if (evicted > 0) {
        beginRemoveRows(QModelIndex(), 0, evicted - 1);
        d->m_ring.pop_front(evicted);
        endRemoveRows();
    }
    d->m_ring.setCapacity(capacity);
}

int EventLogModel::capacity() const
{
    return d->m_ring.capacity();
}

BenchEvent EventLogModel::benchEvent(int row) const
{
    if (row < 0 || row >= d->m_ring.size())
        return {};
    return d->m_ring.at(row);
}

} // namespace wirebench
