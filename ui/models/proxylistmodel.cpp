#include "proxylistmodel.h"

#include <ui/models/messageformat.h>
#include <ui/models/recordingmark.h>

#include <algorithm>

namespace wirebench {

namespace {

quint16 shownPort(const ProxyState &proxy)
{
    return proxy.listening ? proxy.boundPort : proxy.spec.listenPort;
}

int enabledFaults(const ProxyState &proxy)
{
    return int(std::count_if(proxy.spec.faults.cbegin(), proxy.spec.faults.cend(),
                             [](const Fault &fault) { return fault.enabled; }));
}

} // namespace

ProxyListModel::ProxyListModel(QObject *parent) : KeyedRowsModel(ColumnCount, parent) {}

ProxyListModel::~ProxyListModel() = default;

QVariant ProxyListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProxyState &proxy = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(proxy, index.column());
    case Qt::ToolTipRole:
        if (index.column() == NameColumn)
            return RecordingMark::withToolTip(
                tr("%1: %n fault(s) on, seed %2", nullptr, enabledFaults(proxy)).arg(proxy.spec.name).arg(proxy.seed),
                proxy.recordingFile);
        return displayData(proxy, index.column());
    case Qt::DecorationRole:
        if (index.column() == NameColumn && !proxy.recordingFile.isEmpty())
            return RecordingMark::icon();
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ConnectionsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ProxyIdRole:
        return proxy.id;
    default:
        return {};
    }
}

QVariant ProxyListModel::displayData(const ProxyState &proxy, int column) const
{
    switch (column) {
    case NameColumn:
        return proxy.spec.name;
    case ListenColumn:
        return MessageFormat::hostPort(proxy.spec.listenHost, shownPort(proxy));
    case UpstreamColumn:
        return MessageFormat::hostPort(proxy.spec.upstreamHost, proxy.spec.upstreamPort);
    case CodecColumn:
        return netcore::CodecConfig::kindName(proxy.spec.codec.kind);
    case StateColumn:
        if (!proxy.error.isEmpty())
            return tr("failed: %1").arg(proxy.error);
        return proxy.listening ? tr("listening") : tr("stopped");
    case ConnectionsColumn:
        return QString::number(proxy.connections.size());
    default:
        return {};
    }
}

QVariant ProxyListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case ListenColumn: return tr("Listens on");
    case UpstreamColumn: return tr("Upstream");
    case CodecColumn: return tr("Codec");
    case StateColumn: return tr("State");
    case ConnectionsColumn: return tr("Conns");
    default: return {};
    }
}

void ProxyListModel::setProxies(const QList<ProxyState> &proxies)
{
    setRowsByKey(proxies);
}

ProxyState ProxyListModel::proxy(int row) const
{
    return row >= 0 && row < rowCount() ? rowAt(row) : ProxyState();
}

int ProxyListModel::rowOfProxy(int id) const
{
    return rowOfKey(Key(id));
}

ProxyListModel::Key ProxyListModel::keyOf(const ProxyState &proxy) const
{
    return Key(proxy.id);
}

quint32 ProxyListModel::changedColumns(const ProxyState &before, const ProxyState &after) const
{
    quint32 columns = 0;
    if (before.spec.name != after.spec.name || enabledFaults(before) != enabledFaults(after) || before.seed != after.seed
        || before.recordingFile != after.recordingFile)
        columns |= 1u << NameColumn;
    if (before.spec.listenHost != after.spec.listenHost || shownPort(before) != shownPort(after))
        columns |= 1u << ListenColumn;
    if (before.spec.upstreamHost != after.spec.upstreamHost || before.spec.upstreamPort != after.spec.upstreamPort)
        columns |= 1u << UpstreamColumn;
    if (before.spec.codec.kind != after.spec.codec.kind)
        columns |= 1u << CodecColumn;
    if (before.listening != after.listening || before.error != after.error)
        columns |= 1u << StateColumn;
    if (before.connections.size() != after.connections.size())
        columns |= 1u << ConnectionsColumn;
    return columns;
}

} // namespace wirebench
