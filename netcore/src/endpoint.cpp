#include <netcore/endpoint.h>

#include <QtCore/QCoreApplication>
#include <QtNetwork/QHostAddress>

#include <algorithm>

namespace netcore {

namespace {

struct Strings
{
    Q_DECLARE_TR_FUNCTIONS(netcore::Endpoint)
};

bool isAsciiDigits(const QString &text)
{
    return !text.isEmpty()
        && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

/** Only ASCII digits: QString::toUInt() would also take "+5" and " 5". */
bool parsePort(const QString &text, quint16 *port)
{
    if (!isAsciiDigits(text) || text.size() > 5)
        return false;
    const uint value = text.toUInt();
    if (value > 65535)
        return false;
    *port = quint16(value);
    return true;
}

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

} // namespace

bool Endpoint::parse(const QString &text, const QString &defaultHost, Endpoint *endpoint, QString *error)
{
    Endpoint result;
    QString portText;
    bool portGiven = false;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        const QString rest = close < 0 ? QString() : text.mid(close + 1);
        if (close < 0 || (!rest.isEmpty() && !rest.startsWith(QLatin1Char(':'))))
            return fail(error, Strings::tr("\"%1\" is not HOST:PORT").arg(text));
        result.host = text.mid(1, close - 1);
        portText = rest.mid(1);
        portGiven = !rest.isEmpty();
    } else if (text.count(QLatin1Char(':')) == 1) {
        const qsizetype colon = text.indexOf(QLatin1Char(':'));
        result.host = text.left(colon);
        portText = text.mid(colon + 1);
        portGiven = true;
    } else if (isAsciiDigits(text)) {
        portText = text;
        portGiven = true;
    } else {
        result.host = text; // a host alone, or an IPv6 address without brackets
    }
    if (result.host.isEmpty())
        result.host = defaultHost;
    if (portGiven && !parsePort(portText, &result.port))
        return fail(error, Strings::tr("\"%1\" is not a port number (0-65535)").arg(portText));
    *endpoint = result;
    return true;
}

QString Endpoint::formatHost(const QString &host)
{
    return host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
}

QString Endpoint::formatHost(const QHostAddress &address)
{
    // An IPv4-mapped IPv6 peer (::ffff:10.0.0.1) reads as the IPv4 address it is. "Any" (both
    // families) reads "::" as ss(8) shows a dual-stack socket; Qt's toString() says 0.0.0.0.
    if (address.protocol() == QAbstractSocket::AnyIPProtocol)
        return formatHost(QStringLiteral("::"));
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4);
    const bool mapped = isIpv4 && address.protocol() == QAbstractSocket::IPv6Protocol;
    return formatHost(mapped ? QHostAddress(ipv4).toString() : address.toString());
}

QString Endpoint::format(const QString &host, quint16 port)
{
    return formatHost(host) + QLatin1Char(':') + QString::number(port);
}

QString Endpoint::format(const QHostAddress &address, quint16 port)
{
    return formatHost(address) + QLatin1Char(':') + QString::number(port);
}

bool Endpoint::parseListenAddress(const QString &host, QHostAddress *address, QString *error)
{
    const QString trimmed = host.trimmed();
    if (trimmed == QLatin1String("*") || trimmed == QLatin1String("any"))
        *address = QHostAddress(QHostAddress::Any);
    else if (trimmed == QLatin1String("localhost"))
        *address = QHostAddress(QHostAddress::LocalHost);
    else
        *address = QHostAddress(trimmed);
    if (trimmed.isEmpty())
        return fail(error, Strings::tr("no address: say any (every interface), localhost or an IP address"));
    if (address->isNull())
        return fail(error, Strings::tr("\"%1\" is not an IP address (nor any, * or localhost)").arg(host));
    return true;
}

QString Endpoint::toString() const
{
    return format(host, port);
}

} // namespace netcore
