#pragma once

#include <netcore/netcore_export.h>

#include <QtCore/QString>

QT_FORWARD_DECLARE_CLASS(QHostAddress)

namespace netcore {

/**
 * A HOST:PORT as people type it and as netcore writes it: the one parser
 * and formatter of addresses that the library, the CLI and the app share.
 *
 * | text              | host          | port |
 * |-------------------|---------------|------|
 * | `127.0.0.1:5000`  | 127.0.0.1     | 5000 |
 * | `localhost:80`    | localhost     | 80   |
 * | `[::1]:5000`      | ::1           | 5000 |
 * | `5000`, `:5000`   | the default   | 5000 |
 * | `example.org`     | example.org   | 0    |
 * | `::1`, `[::1]`    | ::1           | 0    |
 *
 * An IPv6 host is written in brackets whenever a port follows it.
 */
struct NETCORE_EXPORT Endpoint
{
    QString host;      ///< a name or an IP address, without brackets
    quint16 port = 0;  ///< 0: none given (any, for a listener)

    /**
     * Parses @p text as the table above shows; an empty host becomes
     * @p defaultHost. False, with @p error set (if given), when a colon
     * is followed by no port or by anything but a number from 0 to 65535
     * (ASCII digits only), or when brackets do not close.
     */
    static bool parse(const QString &text, const QString &defaultHost, Endpoint *endpoint,
                      QString *error = nullptr);

    /** @p host as it goes before ":port": in brackets if it is an IPv6 address. */
    static QString formatHost(const QString &host);
    /** @p address as it goes before ":port": an IPv4-mapped IPv6 address (a dual-stack listener's view of an IPv4 peer) as IPv4, IPv6 in brackets. */
    static QString formatHost(const QHostAddress &address);
    /** "host:port", with brackets around an IPv6 host. */
    static QString format(const QString &host, quint16 port);
    /** "host:port" for @p address, written as formatHost() writes it. */
    static QString format(const QHostAddress &address, quint16 port);

    /**
     * The address a server listens on for @p host: `*` or `any` is every
     * interface (IPv4 and IPv6), `localhost` is 127.0.0.1, anything else
     * must be an IPv4 or IPv6 address (names are not resolved to listen).
     * False, with @p error set (if given), otherwise, an empty @p host
     * included: every interface is said on purpose.
     */
    static bool parseListenAddress(const QString &host, QHostAddress *address, QString *error = nullptr);

    /** format(host, port). */
    QString toString() const;

    /** Equal when host and port are. */
    friend bool operator==(const Endpoint &a, const Endpoint &b) { return a.host == b.host && a.port == b.port; }
};

} // namespace netcore
