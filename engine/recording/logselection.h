#pragma once

#include <engine/benchtypes.h>

#include <QtCore/QSet>

namespace wirebench {

/**
 * Which rows of the message log make one recording, and the codec it
 * carries: one server's, one proxy's, or a group of clients' (a recording
 * has one codec, so clients are grouped by theirs).
 */
struct LogSelection
{
    enum class Kind { Server, Proxy, Clients };

    Kind kind = Kind::Server;
    int id = 0;             ///< the server's or the proxy's
    QSet<int> clientIds;    ///< Clients: whose rows
    QString name;           ///< as the user picks it: "echo (server)", "clients (line)"
    netcore::CodecConfig codec;

    bool matches(const LogEntry &entry) const
    {
        switch (kind) {
        case Kind::Server: return entry.serverId == id;
        case Kind::Proxy: return entry.proxyId == id;
        case Kind::Clients: return entry.clientId != 0 && clientIds.contains(entry.clientId);
        }
        return false;
    }
};

} // namespace wirebench
