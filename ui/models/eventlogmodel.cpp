#include "eventlogmodel.h"

#include <ui/models/messageformat.h>

#include <QtGui/QBrush>
#include <QtGui/QColor>

namespace wirebench {

EventLogModel::EventLogModel(int capacity, QObject *parent) : RingTableModel(capacity, ColumnCount, parent) {}

EventLogModel::~EventLogModel() = default;

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BenchEvent &event = rowAt(index.row());
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

BenchEvent EventLogModel::benchEvent(int row) const
{
    return valueAt(row);
}

} // namespace wirebench
