#include "messagelogmodel.h"

#include <ui/models/messageformat.h>

#include <QtGui/QFont>
#include <QtGui/QFontDatabase>
#include <QtGui/QGuiApplication>

#include <deque>

namespace wirebench {

namespace {

/** A tooltip may say more than a cell: a few lines of text or 256 bytes of hex. */
constexpr int toolTipChars = 2000;
constexpr int toolTipBytes = 256;

bool isTextual(netcore::MessageType type)
{
    return type == netcore::MessageType::Text || type == netcore::MessageType::Json;
}

/** The message with at most payloadKeepLimit bytes, not copied: a cell never decodes a whole 16 MiB payload. */
netcore::Message previewed(const netcore::Message &message)
{
    if (message.payload().size() <= LogEntry::payloadKeepLimit)
        return message;
    netcore::Message head = message;
    head.setPayload(QByteArray::fromRawData(message.payload().constData(), LogEntry::payloadKeepLimit));
    return head;
}

} // namespace

class MessageLogModel::Private
{
public:
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

    QVariant m_fixedFont;
    bool m_fixedFontChecked = false;

    /** A row that keeps a payload over payloadKeepLimit; rows are counted from the first ever appended. */
    struct WholePayload
    {
        qint64 rowEver = 0;
        qint64 bytes = 0;
    };
    std::deque<WholePayload> m_wholePayloads; ///< oldest first, as the rows are
    qint64 m_wholePayloadBytes = 0;
    qint64 m_rowsAppended = 0; ///< rows ever inserted
    qint64 m_rowsRemoved = 0;  ///< rows ever removed (always the oldest)
};

MessageLogModel::MessageLogModel(int capacity, QObject *parent)
    : RingTableModel(capacity, ColumnCount, parent), d(std::make_unique<Private>())
{
    connect(this, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(this, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex &, int first, int last) { onRowsRemoved(first, last); });
}

MessageLogModel::~MessageLogModel() = default;

QVariant MessageLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEntry &entry = rowAt(index.row());
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
        return MessageFormat::preview(previewed(entry.message), entry.size > LogEntry::payloadKeepLimit);
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
        const bool truncated = entry.isPayloadCut();
        QString text = MessageFormat::preview(previewed(entry.message), entry.size > LogEntry::payloadKeepLimit,
                                              toolTipChars, toolTipBytes);
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

LogEntry MessageLogModel::entry(int row) const
{
    return valueAt(row);
}

void MessageLogModel::onRowsInserted(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const qsizetype kept = rowAt(row).message.payload().size();
        if (kept > LogEntry::payloadKeepLimit) {
            d->m_wholePayloads.push_back({d->m_rowsAppended + (row - first), kept});
            d->m_wholePayloadBytes += kept;
        }
    }
    d->m_rowsAppended += last - first + 1;

    while (d->m_wholePayloadBytes > LogEntry::wholePayloadBudget) {
        const Private::WholePayload oldest = d->m_wholePayloads.front();
        d->m_wholePayloads.pop_front();
        d->m_wholePayloadBytes -= oldest.bytes;
        const int row = int(oldest.rowEver - d->m_rowsRemoved);
        netcore::Message &message = mutableRowAt(row).message;
        message.setPayload(message.payload().left(LogEntry::payloadKeepLimit));
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void MessageLogModel::onRowsRemoved(int first, int last)
{
    Q_ASSERT(first == 0); // a ring loses its oldest rows only
    d->m_rowsRemoved += last - first + 1;
    while (!d->m_wholePayloads.empty() && d->m_wholePayloads.front().rowEver < d->m_rowsRemoved) {
        d->m_wholePayloadBytes -= d->m_wholePayloads.front().bytes;
        d->m_wholePayloads.pop_front();
    }
}

} // namespace wirebench
