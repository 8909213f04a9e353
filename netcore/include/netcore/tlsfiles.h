#pragma once

#include <netcore/netcore_export.h>

#include <QtNetwork/QSslConfiguration>

namespace netcore {

/**
 * TLS configurations from PEM files, the way a server and a client are
 * usually set up (Server::setTlsConfiguration(), Client::setTlsConfiguration()).
 */
class NETCORE_EXPORT TlsFiles
{
public:
    /** A server's certificate (chain) and its private key (RSA or EC, unencrypted PEM). */
    static bool serverConfiguration(const QString &certificateFile, const QString &keyFile,
                                    QSslConfiguration *configuration, QString *error);
    /**
     * A client's: trust the certificates in @p caFile (the system's CAs when
     * empty). @p insecure accepts any certificate, self-signed included: the
     * connection is encrypted but the server is not authenticated.
     */
    static bool clientConfiguration(const QString &caFile, bool insecure, QSslConfiguration *configuration,
                                    QString *error);
    /** False (with why) when this Qt has no TLS backend, e.g. OpenSSL is missing. */
    static bool isAvailable(QString *why = nullptr);
};

} // namespace netcore
