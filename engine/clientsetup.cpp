#include "clientsetup.h"

#include <netcore/client.h>
#include <netcore/tlsfiles.h>

namespace wirebench {

bool ClientSetup::configure(const ClientSpec &spec, netcore::Client *client, QString *error)
{
    client->setAutoReconnect(spec.autoReconnect);
    if (spec.tls) {
        QSslConfiguration configuration;
        // Insecure trusts any certificate: a CA file would change nothing, so a stale one is no error.
        const QString caFile = spec.insecure ? QString() : spec.caFile;
        QString why;
        if (!netcore::TlsFiles::clientConfiguration(caFile, spec.insecure, &configuration, &why)) {
            *error = tr("cannot connect with TLS: %1").arg(why);
            return false;
        }
        client->setTlsConfiguration(configuration);
    }
    if (spec.receipts && !client->setDeliveryReceipts(true)) {
        *error = tr("cannot connect with delivery receipts: they need the envelope framing");
        return false;
    }
    return true;
}

} // namespace wirebench
