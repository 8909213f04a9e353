#include "messagelogmodel.h"

#include "messageformat.h"
#include "ringbuffer.h"

#include <QtGui/QFont>
#include <QtGui/QFontDatabase>
#include <QtGui/QGuiApplication>

#include <algorithm>

namespace wirebench {

namespace {

/** A tooltip may say more than a cell: a few lines of text or 256 bytes of hex. */
constexpr int toolTipChars = 2000;
constexpr int toolTipBytes = 256;

bool isTextual(netcore::MessageType type)
{
    return type == netcore::MessageType::Text || type == netcore::MessageType::Json;
}

} // namespace

class MessageLogModel::Private
{
public:
    explicit Private(int capacity) : m_ring(capacity) {}

    /** A fixed-pitch font for hex and CBOR previews; none without a QGuiApplication. */
    QVariant fixedFont()
    {
        if (!m_fixedFontChecked) {
            m_fixedFontChecked = true;
            if (qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
                m_fixedFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        }
        return m_fixedFont;
    }

    RingBuffer<LogEntry> m_ring;
    QVariant m_fixedFont;
    bool m_fixedFontChecked = false;
};

MessageLogModel::MessageLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent), d(std::make_unique<Private>(capacity))
{
}

MessageLogModel::~MessageLogModel() = default;

int MessageLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : d->m_ring.size();
}

int MessageLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEntry &entry = d->m_ring.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(entry, index.column());
    case Qt::ToolTipRole:
        return toolTipData(entry, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == IdColumn || index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (index.column() == PreviewColumn && !isTextual(entry.message.type()))
            return d->fixedFont();
        return {};
    case EntryRole:
        return QVariant::fromValue(entry);
    case SequenceRole:
        return entry.sequence;
    case DirectionRole:
        return int(entry.direction);
    case ChannelRole:
        return entry.message.channel();
    case EndpointRole:
        return entry.endpoint;
    default:
        return {};
    }
}

QVariant MessageLogModel::displayData(const LogEntry &entry, int column) const
{
    switch (column) {
    case TimeColumn:
        return MessageFormat::timeText(entry.time);
    case DirectionColumn:
        return MessageFormat::directionText(entry.direction);
    case EndpointColumn:
        return entry.endpoint;
    case ChannelColumn:
        return entry.message.channel();
    case TypeColumn:
        return netcore::messageTypeName(entry.message.type());
    case IdColumn:
        return QString::number(entry.message.id());
    case SizeColumn:
        return MessageFormat::sizeText(entry.size);
    case PreviewColumn:
        return MessageFormat::preview(entry.message, entry.size > entry.message.payload().size());
    default:
        return {};
    }
}

QVariant MessageLogModel::toolTipData(const LogEntry &entry, int column) const
{
    switch (column) {
    case TimeColumn:
        return entry.time.toLocalTime().toString(Qt::ISODateWithMs);
    case SizeColumn:
        return tr("%1 bytes").arg(entry.size);
    case PreviewColumn: {
        const bool truncated = entry.size > entry.message.payload().size();
        QString text = MessageFormat::preview(entry.message, truncated, toolTipChars, toolTipBytes);
        if (truncated)
            text += QLatin1Char('\n') + tr("(the log keeps the first %1 of %2)")
                                            .arg(MessageFormat::sizeText(entry.message.payload().size()),
                                                 MessageFormat::sizeText(entry.size));
        return text;
    }
    default:
        return displayData(entry, column);
    }
}

QVariant MessageLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DirectionColumn:
        return tr("Dir");
    case EndpointColumn:
        return tr("Endpoint");
    case ChannelColumn:
        return tr("Channel");
    case TypeColumn:
        return tr("Type");
    case IdColumn:
        return tr("Id");
    case SizeColumn:
        return tr("Size");
    case PreviewColumn:
        return tr("Preview");
    default:
        return {};
    }
}

void MessageLogModel::append(const QList<LogEntry> &entries)
{
    if (entries.isEmpty())
        return;
    RingBuffer<LogEntry> &ring = d->m_ring;
    // A batch larger than the ring keeps only its newest entries.
    const int incoming = int(std::min<qsizetype>(entries.size(), ring.capacity()));
    const qsizetype firstKept = entries.size() - incoming;
    const int evicted = std::max(0, ring.size() + incoming - ring.capacity());
    if (evicted > 0) {
        beginRemoveRows(QModelIndex(), 0, evicted - 1);
        ring.pop_front(evicted);
        endRemoveRows();
    }
    const int first = ring.size();
    beginInsertRows(QModelIndex(), first, first + incoming - 1);
    for (qsizetype i = firstKept; i < entries.size(); ++i)
        ring.push_back(entries.at(i));
    endInsertRows();
}

void MessageLogModel::clear()
{
    if (d->m_ring.isEmpty())
        return;
    beginRemoveRows(QModelIndex(), 0, d->m_ring.size() - 1);
    d->m_ring.clear();
    endRemoveRows();
}

void MessageLogModel::setCapacity(int capacity)
{
    capacity = std::max(1, capacity);
    if (capacity == d->m_ring.capacity())
        return;
    const int evicted = d->m_ring.size() - capacity;
    if (evicted > 0) {
        beginRemoveRows(QModelIndex(), 0, evicted - 1);
        d->m_ring.pop_front(evicted);
        endRemoveRows();
    }
    d->m_ring.setCapacity(capacity); // the order of the kept rows does not change
}

int MessageLogModel::capacity() const
{
    return d->m_ring.capacity();
}

LogEntry MessageLogModel::entry(int row) const
{
    if (row < 0 || row >= d->m_ring.size())
        return {};
    return d->m_ring.at(row);
}

} // namespace wirebench
