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
    /**
     * A server's certificate (chain) and its private key (RSA or EC, unencrypted PEM).
     * False, with @p error (if given) saying why, if a file
     * cannot be read or holds no such thing, or TLS is not available.
     */
    static bool serverConfiguration(const QString &certificateFile, const QString &keyFile,
                                    QSslConfiguration *configuration, QString *error = nullptr);
    /**
     * A client's: trust the certificates in @p caFile (the system's CAs when
     * empty). @p insecure accepts any certificate, self-signed included: the
     * connection is encrypted but the server is not authenticated. False, with
     * @p error (if given) saying why, if @p caFile cannot be read or holds no
     * certificate, or TLS is not available.
     */
    static bool clientConfiguration(const QString &caFile, bool insecure, QSslConfiguration *configuration,
                                    QString *error = nullptr);
    /** False (with @p why) when this Qt has no TLS backend (OpenSSL 3 missing, say). */
    static bool isAvailable(QString *why = nullptr);
};

} // namespace netcore
