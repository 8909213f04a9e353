#pragma once

#include <engine/benchtypes.h>

#include <QtCore/QCoreApplication>

#include <memory>

namespace netcore {
class Server;
}

namespace wirebench {

/**
 * Turns a ServerSpec into a netcore::Server: the one place both programs
 * (a hosted server of the app, `wirebench-cli serve`) set a server up, so
 * a spec means the same server wherever it is given.
 */
class ServerSetup
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::ServerSetup)

public:
    /** A server for the spec's codec and workers (fixed at construction), with its client limit and idle timeout. */
    static std::unique_ptr<netcore::Server> create(const ServerSpec &spec);

    /**
     * Sets the allow-list, TLS (reading the PEM files) and delivery
     * receipts on @p server, which has not listened yet. False, with
     * @p error set, if one of them cannot be used: a bad peer range, a
     * certificate without its key, an unreadable file, receipts without
     * the envelope framing. A server that failed must not listen: it
     * would serve plaintext, to everyone, or without receipts.
     */
    static bool configure(const ServerSpec &spec, netcore::Server *server, QString *error);
};

} // namespace wirebench
