#pragma once

#include <engine/benchtypes.h>

#include <QtCore/QCoreApplication>

namespace netcore {
class Client;
}

namespace wirebench {

/**
 * Sets a netcore::Client up as a ClientSpec describes it: the one place
 * both programs (a spawned client of the app, `wirebench-cli send`) do.
 */
class ClientSetup
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::ClientSetup)

public:
    /**
     * Sets auto-reconnect, TLS (reading the CA file unless insecure) and
     * delivery receipts on @p client, which is not connected. False, with
     * @p error set, if TLS or receipts cannot be used: the client must not
     * connect then, since it would lose what the user meant to protect.
     */
    static bool configure(const ClientSpec &spec, netcore::Client *client, QString *error);
};

} // namespace wirebench
