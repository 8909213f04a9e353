#include "endpoint.h"

#include <algorithm>

namespace {

bool parsePort(const QString &text, quint16 *port)
{
    bool ok = false;
    const uint value = text.toUInt(&ok);
    if (!ok || value > 65535)
        return false;
    *port = quint16(value);
    return true;
}

} // namespace

bool Endpoint::parse(const QString &text, const QString &defaultHost, Endpoint *endpoint, QString *error)
{
    Endpoint result;
    QString portText;
    if (text.startsWith(QLatin1Char('['))) {
        const int close = text.indexOf(QLatin1Char(']'));
        const QString rest = close < 0 ? QString() : text.mid(close + 1);
        if (close < 0 || (!rest.isEmpty() && !rest.startsWith(QLatin1Char(':')))) {
            *error = QStringLiteral("\"%1\" is not HOST:PORT").arg(text);
            return false;
        }
        result.host = text.mid(1, close - 1);
        portText = rest.mid(1);
    } else if (text.count(QLatin1Char(':')) == 1) {
        const int colon = text.indexOf(QLatin1Char(':'));
        result.host = text.left(colon);
        portText = text.mid(colon + 1);
    } else if (!text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); })) {
        result.host = defaultHost;
        portText = text;
    } else {
        result.host = text;  // a host alone, or an IPv6 address without brackets
    }
    if (result.host.isEmpty())
        result.host = defaultHost;
    if (!portText.isEmpty() && !parsePort(portText, &result.port)) {
        *error = QStringLiteral("\"%1\" is not a port number (0-65535)").arg(portText);
        return false;
    }
    *endpoint = result;
    return true;
}

QString Endpoint::format(const QString &host, quint16 port)
{
    if (host.contains(QLatin1Char(':')))
        return QStringLiteral("[%1]:%2").arg(host).arg(port);
    return QStringLiteral("%1:%2").arg(host).arg(port);
}
