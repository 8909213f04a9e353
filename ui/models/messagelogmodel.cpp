#include "messagelogmodel.h"

#include <ui/models/messageformat.h>

#include <QtGui/QFont>
#include <QtGui/QFontDatabase>
#include <QtGui/QGuiApplication>

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
};

MessageLogModel::MessageLogModel(int capacity, QObject *parent)
    : RingTableModel(capacity, ColumnCount, parent), d(std::make_unique<Private>())
{
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

LogEntry MessageLogModel::entry(int row) const
{
    return valueAt(row);
}

} // namespace wirebench
