#include "tlsoptions.h"

#include <netcore/tlsfiles.h>

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

TlsOptions::Result TlsOptions::toServerConfiguration(const CommandLine &commandLine,
                                                     QSslConfiguration *configuration, QString *error)
{
    const bool certificate = commandLine.isSet(QStringLiteral("tls-cert"));
    const bool key = commandLine.isSet(QStringLiteral("tls-key"));
    if (!certificate && !key)
        return Result::Off;
    if (certificate != key) {
        *error = QStringLiteral("--tls-cert and --tls-key go together");
        return Result::UsageError;
    }
    return netcore::TlsFiles::serverConfiguration(commandLine.value(QStringLiteral("tls-cert")),
                                                  commandLine.value(QStringLiteral("tls-key")), configuration, error)
        ? Result::On
        : Result::FileError;
}

TlsOptions::Result TlsOptions::toClientConfiguration(const CommandLine &commandLine,
                                                     QSslConfiguration *configuration, QString *error)
{
    const bool ca = commandLine.isSet(QStringLiteral("ca"));
    const bool insecure = commandLine.isSet(QStringLiteral("insecure"));
    if (!ca && !insecure && !commandLine.isSet(QStringLiteral("tls")))
        return Result::Off;
    if (ca && insecure) {
        *error = QStringLiteral("--ca and --insecure contradict each other: trust a CA, or trust anything");
        return Result::UsageError;
    }
    return netcore::TlsFiles::clientConfiguration(commandLine.value(QStringLiteral("ca")), insecure, configuration,
                                                  error)
        ? Result::On
        : Result::FileError;
}
