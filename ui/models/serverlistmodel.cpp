#include "serverlistmodel.h"

#include <ui/models/messageformat.h>
#include <ui/models/recordingmark.h>

namespace wirebench {

namespace {

QString modeName(ServerMode mode)
{
    switch (mode) {
    case ServerMode::Silent:
        return ServerListModel::tr("silent");
    case ServerMode::Echo:
        return ServerListModel::tr("echo");
    case ServerMode::Relay:
        return ServerListModel::tr("relay");
    case ServerMode::Rules:
        return ServerListModel::tr("rules");
    case ServerMode::Script:
        return ServerListModel::tr("script");
    }
    return {};
}

quint16 shownPort(const ServerState &server)
{
    return server.listening ? server.boundPort : server.spec.port;
}

} // namespace

ServerListModel::ServerListModel(QObject *parent) : KeyedRowsModel(ColumnCount, parent) {}

ServerListModel::~ServerListModel() = default;

QVariant ServerListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ServerState &server = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(server, index.column());
    case Qt::ToolTipRole:
        // A failed state's cell and tooltip say the same ("failed: why"): the tooltip shows what a narrow cell cuts.
        if (index.column() == NameColumn)
            return RecordingMark::withToolTip(tr("%1: %2, %3 worker(s)")
                                                  .arg(displayName(server), modeName(server.spec.mode))
                                                  .arg(server.spec.workers),
                                              server.recordingFile);
        if (index.column() == AddressColumn && !server.spec.allow.isEmpty())
            return tr("%1, accepts only %2").arg(displayData(server, AddressColumn).toString(), server.spec.allow);
        if (index.column() == CodecColumn && server.spec.isTls())
            return tr("%1, TLS with the certificate %2")
                .arg(netcore::CodecConfig::kindName(server.spec.codec.kind), server.spec.tlsCertificateFile);
        return displayData(server, index.column());
    case Qt::DecorationRole:
        if (index.column() == NameColumn && !server.recordingFile.isEmpty())
            return RecordingMark::icon();
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ClientsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ServerIdRole:
        return server.id;
    default:
        return {};
    }
}

QVariant ServerListModel::displayData(const ServerState &server, int column) const
{
    switch (column) {
    case NameColumn:
        return displayName(server);
    case AddressColumn:
        return MessageFormat::hostPort(server.spec.address, shownPort(server));
    case CodecColumn:
        return MessageFormat::codecSummary(server.spec.codec.kind, server.spec.isTls(), server.spec.receipts);
    case ModeColumn:
        return modeName(server.spec.mode);
    case StateColumn:
        return stateText(server);
    case ClientsColumn:
        if (server.spec.maxClients > 0)
            return QStringLiteral("%1/%2").arg(server.connections.size()).arg(server.spec.maxClients);
        return QString::number(server.connections.size());
    default:
        return {};
    }
}

QString ServerListModel::stateText(const ServerState &server) const
{
    if (!server.error.isEmpty())
        return tr("failed: %1").arg(server.error); // the reason on the row: a narrow cell elides it, the tooltip has it all
    if (!server.listening)
        return tr("stopped");
    if (server.paused)
        return tr("paused");
    return tr("listening");
}

QVariant ServerListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case AddressColumn:
        return tr("Address");
    case CodecColumn:
        return tr("Codec");
    case ModeColumn:
        return tr("Mode");
    case StateColumn:
        return tr("State");
    case ClientsColumn:
        return tr("Clients");
    default:
        return {};
    }
}

void ServerListModel::setServers(const QList<ServerState> &servers)
{
    setRowsByKey(servers);
}

ServerState ServerListModel::server(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return rowAt(row);
}

int ServerListModel::rowOfServer(int id) const
{
    return rowOfKey(Key(id));
}

QString ServerListModel::displayName(const ServerState &server)
{
    return server.spec.name.isEmpty() ? tr("server %1").arg(server.id) : server.spec.name;
}

ServerListModel::Key ServerListModel::keyOf(const ServerState &server) const
{
    return Key(server.id);
}

quint32 ServerListModel::changedColumns(const ServerState &before, const ServerState &after) const
{
    quint32 columns = 0;
    if (before.spec.name != after.spec.name || before.spec.mode != after.spec.mode
        || before.spec.workers != after.spec.workers || before.recordingFile != after.recordingFile)
        columns |= 1u << NameColumn;
    if (before.spec.mode != after.spec.mode)
        columns |= 1u << ModeColumn;
    if (before.spec.address != after.spec.address || shownPort(before) != shownPort(after)
        || before.spec.allow != after.spec.allow)
        columns |= 1u << AddressColumn;
    if (before.spec.codec.kind != after.spec.codec.kind || before.spec.tlsCertificateFile != after.spec.tlsCertificateFile
        || before.spec.tlsKeyFile != after.spec.tlsKeyFile || before.spec.receipts != after.spec.receipts)
        columns |= 1u << CodecColumn;
    if (before.listening != after.listening || before.paused != after.paused || before.error != after.error)
        columns |= 1u << StateColumn;
    if (before.connections.size() != after.connections.size() || before.spec.maxClients != after.spec.maxClients)
        columns |= 1u << ClientsColumn;
    return columns;
}

} // namespace wirebench
