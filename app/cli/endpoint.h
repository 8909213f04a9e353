#pragma once

#include <QtCore/QString>

/** A HOST:PORT argument: "127.0.0.1:5000", "localhost:80", "[::1]:5000". */
struct Endpoint
{
    QString host;
    quint16 port = 0;

    /**
     * Parses @p text. A bare number is a port on @p defaultHost; a host
     * without a port gets port 0. False, with @p error set, if the port is
     * not a number from 0 to 65535.
     */
    static bool parse(const QString &text, const QString &defaultHost, Endpoint *endpoint, QString *error);

    /** "host:port", with brackets around an IPv6 host. */
    static QString format(const QString &host, quint16 port);
    QString toString() const { return format(host, port); }
};
