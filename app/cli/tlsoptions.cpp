#include "tlsoptions.h"

#include <engine/benchtypes.h>

namespace wirebench::cli {

QList<OptionSpec> TlsOptions::serverSpecs()
{
    return {
        {QStringLiteral("tls-cert"), QStringLiteral("FILE"),
         QStringLiteral("serve TLS with this PEM certificate (chain); needs --tls-key")},
        {QStringLiteral("tls-key"), QStringLiteral("FILE"), QStringLiteral("the certificate's PEM private key")},
    };
}

QList<OptionSpec> TlsOptions::clientSpecs()
{
    return {
        {QStringLiteral("tls"), {}, QStringLiteral("connect with TLS, trusting the system's CAs")},
        {QStringLiteral("ca"), QStringLiteral("FILE"),
         QStringLiteral("trust the PEM certificates in FILE instead (implies --tls)")},
        {QStringLiteral("insecure"), {},
         QStringLiteral("accept any certificate, self-signed included: encrypted, but the server is not "
                        "authenticated (implies --tls)")},
    };
}

bool TlsOptions::toServerSpec(const CommandLine &commandLine, ServerSpec *spec, QString *error)
{
    const bool certificate = commandLine.isSet(QStringLiteral("tls-cert"));
    const bool key = commandLine.isSet(QStringLiteral("tls-key"));
    if (certificate != key) {
        *error = QStringLiteral("--tls-cert and --tls-key go together");
        return false;
    }
    spec->tlsCertificateFile = commandLine.value(QStringLiteral("tls-cert"));
    spec->tlsKeyFile = commandLine.value(QStringLiteral("tls-key"));
    return true;
}

bool TlsOptions::toClientSpec(const CommandLine &commandLine, ClientSpec *spec, QString *error)
{
    const bool ca = commandLine.isSet(QStringLiteral("ca"));
    const bool insecure = commandLine.isSet(QStringLiteral("insecure"));
    if (ca && insecure) {
        *error = QStringLiteral("--ca and --insecure contradict each other: trust a CA, or trust anything");
        return false;
    }
    spec->tls = ca || insecure || commandLine.isSet(QStringLiteral("tls"));
    spec->caFile = commandLine.value(QStringLiteral("ca"));
    spec->insecure = insecure;
    return true;
}

} // namespace wirebench::cli
