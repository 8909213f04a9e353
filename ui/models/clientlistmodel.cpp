#include "clientlistmodel.h"

#include <ui/models/messageformat.h>
#include <ui/models/recordingmark.h>
#include <ui/models/trafficcolumns.h>

namespace wirebench {

ClientListModel::ClientListModel(QObject *parent) : KeyedRowsModel(ColumnCount, parent) {}

ClientListModel::~ClientListModel() = default;

QVariant ClientListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ClientState &client = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(client, index.column());
    case Qt::ToolTipRole:
        if (const int traffic = TrafficColumns::offset(index.column(), MessagesInColumn); traffic >= 0)
            return TrafficColumns::toolTip(TrafficColumns::Counters::of(client), traffic);
        if (index.column() == NameColumn)
            return RecordingMark::withToolTip(tr("%1, %2 codec, auto-reconnect %3")
                                                  .arg(client.name, netcore::CodecConfig::kindName(client.spec.codec.kind),
                                                       client.spec.autoReconnect ? tr("on") : tr("off")),
                                              client.recordingFile);
        return displayData(client, index.column());
    case Qt::DecorationRole:
        if (index.column() == NameColumn && !client.recordingFile.isEmpty())
            return RecordingMark::icon();
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= LocalPortColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ClientIdRole:
        return client.id;
    case StateRole:
        return client.state;
    default:
        return {};
    }
}

QVariant ClientListModel::displayData(const ClientState &client, int column) const
{
    if (const int traffic = TrafficColumns::offset(column, MessagesInColumn); traffic >= 0)
        return TrafficColumns::displayText(TrafficColumns::Counters::of(client), traffic);
    switch (column) {
    case NameColumn:
        return client.name;
    case EndpointColumn:
        return MessageFormat::hostPort(client.spec.host, client.spec.port);
    case CodecColumn:
        return MessageFormat::codecSummary(client.spec.codec.kind, client.spec.tls, client.spec.receipts);
    case StateColumn:
        // Why it is not connected, on the row: a narrow cell elides it, the tooltip has it all.
        return client.problem.isEmpty() ? stateText(client.state)
                                        : tr("%1: %2").arg(stateText(client.state), client.problem);
    case LocalPortColumn:
        return client.localPort == 0 ? QString() : QString::number(client.localPort);
    case UnconfirmedColumn:
        return client.spec.receipts ? QString::number(client.unconfirmedMessages) : QString();
    default:
        return {};
    }
}

QString ClientListModel::stateText(const QString &state) const
{
    // The engine's states are fixed words; shown translated.
    if (state == QLatin1String("connecting"))
        return tr("connecting");
    if (state == QLatin1String("connected"))
        return tr("connected");
    if (state == QLatin1String("reconnecting"))
        return tr("reconnecting");
    if (state == QLatin1String("closed"))
        return tr("closed");
    return state;
}

QVariant ClientListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    // Count columns are narrow: a short header, the full name as its tooltip.
    const bool full = role == Qt::ToolTipRole;
    if (const int traffic = TrafficColumns::offset(section, MessagesInColumn); traffic >= 0)
        return TrafficColumns::header(traffic, full, TrafficColumns::Wording::Plain);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case EndpointColumn:
        return full ? tr("Server address") : tr("Server");
    case CodecColumn:
        return tr("Codec");
    case StateColumn:
        return tr("State");
    case LocalPortColumn:
        return full ? tr("Local port") : tr("Port");
    case UnconfirmedColumn:
        return full ? tr("Messages sent but not confirmed by the server yet (delivery receipts)") : tr("Unconfirmed");
    default:
        return {};
    }
}

void ClientListModel::setClients(const QList<ClientState> &clients)
{
    setRowsByKey(clients);
}

ClientState ClientListModel::client(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return rowAt(row);
}

int ClientListModel::rowOfClient(int id) const
{
    return rowOfKey(Key(id));
}

ClientListModel::Key ClientListModel::keyOf(const ClientState &client) const
{
    return Key(client.id);
}

quint32 ClientListModel::changedColumns(const ClientState &before, const ClientState &after) const
{
    quint32 columns = 0;
    if (before.name != after.name || before.spec.codec.kind != after.spec.codec.kind
        || before.spec.autoReconnect != after.spec.autoReconnect || before.recordingFile != after.recordingFile)
        columns |= 1u << NameColumn;
    if (before.spec.host != after.spec.host || before.spec.port != after.spec.port)
        columns |= 1u << EndpointColumn;
    if (before.spec.codec.kind != after.spec.codec.kind || before.spec.tls != after.spec.tls
        || before.spec.receipts != after.spec.receipts)
        columns |= 1u << CodecColumn;
    if (before.state != after.state || before.problem != after.problem)
        columns |= 1u << StateColumn;
    if (before.localPort != after.localPort)
        columns |= 1u << LocalPortColumn;
    if (before.spec.receipts != after.spec.receipts || before.unconfirmedMessages != after.unconfirmedMessages)
        columns |= 1u << UnconfirmedColumn;
    columns |= TrafficColumns::changedColumns(TrafficColumns::Counters::of(before),
                                              TrafficColumns::Counters::of(after), MessagesInColumn);
    return columns;
}

} // namespace wirebench
