#include "logselections.h"

#include <ui/models/clientlistmodel.h>
#include <ui/models/messagelogmodel.h>
#include <ui/models/proxylistmodel.h>
#include <ui/models/serverlistmodel.h>

#include <map>

namespace wirebench {

QList<LogSelection> LogSelections::available(const QList<LogEntry> &entries, const ServerListModel &servers,
                                             const ClientListModel &clients, const ProxyListModel &proxies)
{
    QSet<int> serverIds;
    QSet<int> proxyIds;
    QSet<int> clientIds;
    for (const LogEntry &entry : entries) {
        if (entry.serverId != 0)
            serverIds.insert(entry.serverId);
        else if (entry.proxyId != 0)
            proxyIds.insert(entry.proxyId);
        else if (entry.clientId != 0)
            clientIds.insert(entry.clientId);
    }
    QList<LogSelection> selections;
    for (int row = 0; row < servers.rowCount(); ++row) {
        const ServerState server = servers.server(row);
        if (serverIds.contains(server.id)) {
            selections.append(LogSelection{LogSelection::Kind::Server, server.id, {},
                                           tr("%1 (server)").arg(ServerListModel::displayName(server)), server.spec.codec});
        }
    }
    // Clients in groups by codec, in the order of the first client of each.
    std::map<int, LogSelection> groups; // by the row of its first client
    QHash<QString, int> groupOfCodec;
    for (int row = 0; row < clients.rowCount(); ++row) {
        const ClientState client = clients.client(row);
        if (!clientIds.contains(client.id))
            continue;
        const QString kind = netcore::CodecConfig::kindName(client.spec.codec.kind);
        // Equal codecs share a group; two "line" codecs with other delimiters do not.
        int first = -1;
        for (auto it = groups.begin(); it != groups.end() && first < 0; ++it) {
            if (it->second.codec == client.spec.codec)
                first = it->first;
        }
        if (first < 0) {
            first = row;
            const int sameKind = groupOfCodec.value(kind);
            groupOfCodec.insert(kind, sameKind + 1);
            const QString name = sameKind == 0 ? tr("clients (%1)").arg(kind)
                                               : tr("clients (%1, settings %2)").arg(kind).arg(sameKind + 1);
            groups.emplace(row, LogSelection{LogSelection::Kind::Clients, 0, {}, name, client.spec.codec});
        }
        groups[first].clientIds.insert(client.id);
    }
    for (const auto &group : groups)
        selections.append(group.second);
    for (int row = 0; row < proxies.rowCount(); ++row) {
        const ProxyState proxy = proxies.proxy(row);
        if (proxyIds.contains(proxy.id))
            selections.append(LogSelection{LogSelection::Kind::Proxy, proxy.id, {}, tr("%1 (proxy)").arg(proxy.spec.name),
                                           proxy.spec.codec});
    }
    return selections;
}

QList<LogEntry> LogSelections::entriesOf(const MessageLogModel &log)
{
    QList<LogEntry> entries;
    entries.reserve(log.rowCount());
    for (int row = 0; row < log.rowCount(); ++row)
        entries.append(log.entry(row));
    return entries;
}

} // namespace wirebench
