#include "serversetup.h"

#include <netcore/server.h>
#include <netcore/tlsfiles.h>

namespace wirebench {

std::unique_ptr<netcore::Server> ServerSetup::create(const ServerSpec &spec)
{
    auto server = std::make_unique<netcore::Server>(spec.codec);
    server->setWorkers(spec.workers);
    server->setMaxConnections(spec.maxClients);
    server->setIdleTimeout(spec.idleTimeoutMsecs);
    return server;
}

bool ServerSetup::configure(const ServerSpec &spec, netcore::Server *server, QString *error)
{
    netcore::PeerAllowList allowList;
    if (!netcore::PeerAllowList::parse(spec.allow, &allowList, error)) {
        *error = tr("allowed peers: %1").arg(*error);
        return false;
    }
    server->setAllowList(allowList);
    if (spec.tlsCertificateFile.isEmpty() != spec.tlsKeyFile.isEmpty()) {
        *error = tr("TLS needs both a certificate file and a key file");
        return false;
    }
    // A server takes TLS and receipts only before its first listen; one that listened before keeps them.
    if (spec.isTls() && !server->isTlsEnabled()) {
        QSslConfiguration configuration;
        if (!netcore::TlsFiles::serverConfiguration(spec.tlsCertificateFile, spec.tlsKeyFile, &configuration, error))
            return false;
        server->setTlsConfiguration(configuration);
    }
    if (spec.receipts && !server->deliveryReceipts() && !server->setDeliveryReceipts(true)) {
        *error = tr("delivery receipts need the envelope framing");
        return false;
    }
    return true;
}

} // namespace wirebench
