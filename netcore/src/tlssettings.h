#pragma once

#include <QtNetwork/QSslConfiguration>

namespace netcore {

/** A server's TLS side, handed to its I/O workers before they start. */
struct TlsSettings
{
    bool enabled = false;
    QSslConfiguration configuration;
    /** A peer that has not completed the handshake by then is closed (TlsFailed). */
    int handshakeTimeout = 10000;
};

} // namespace netcore
