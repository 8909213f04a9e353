#include "benchtypes.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonValue>

#include <iterator>

namespace wirebench {

namespace {

// The workspace names of the modes: stable strings, independent of the enum's order.
const char *const modeNames[] = {"silent", "echo", "relay", "rules", "script"};

ServerMode parseMode(const QString &name, ServerMode fallback)
{
    for (int i = 0; i < int(std::size(modeNames)); ++i) {
        if (name == QLatin1String(modeNames[i]))
            return ServerMode(i);
    }
    return fallback;
}

/** A client's login as a workspace stores it: the payload's fields but its name, and whether it is on. */
QJsonObject loginJson(bool enabled, const SavedPayload &message)
{
    QJsonObject object = message.toJson();
    object.remove(QStringLiteral("name"));
    object.insert(QStringLiteral("enabled"), enabled);
    return object;
}

quint16 portOf(const QJsonValue &value, quint16 fallback)
{
    const int port = value.toInt(fallback);
    return port >= 0 && port <= 65535 ? quint16(port) : fallback;
}

} // namespace

QString serverModeName(ServerMode mode)
{
    return QString::fromLatin1(modeNames[int(mode)]);
}

QString reachableHost(const QString &address)
{
    if (address == QLatin1String("0.0.0.0"))
        return QStringLiteral("127.0.0.1");
    if (address == QLatin1String("::"))
        return QStringLiteral("::1");
    return address;
}

QString directionName(Direction direction)
{
    switch (direction) {
    case Direction::In: return QStringLiteral("in");
    case Direction::Out: return QStringLiteral("out");
    case Direction::ClientToServer: return QStringLiteral("c2s");
    case Direction::ServerToClient: return QStringLiteral("s2c");
    }
    return {};
}

Direction logDirection(ProxyDirection direction)
{
    return direction == ProxyDirection::ClientToServer ? Direction::ClientToServer : Direction::ServerToClient;
}

QJsonObject ServerSpec::toJson() const
{
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("address"), address},
        {QStringLiteral("port"), int(port)},
        {QStringLiteral("codec"), codec.toJson()},
        {QStringLiteral("maxClients"), maxClients},
        {QStringLiteral("workers"), workers},
        {QStringLiteral("mode"), serverModeName(mode)},
        {QStringLiteral("idleTimeoutMsecs"), idleTimeoutMsecs},
        {QStringLiteral("tlsCertificateFile"), tlsCertificateFile},
        {QStringLiteral("tlsKeyFile"), tlsKeyFile},
        {QStringLiteral("allow"), allow},
        {QStringLiteral("receipts"), receipts},
        {QStringLiteral("rules"), rules},
        {QStringLiteral("script"), script},
        {QStringLiteral("scriptTimeoutMsecs"), scriptTimeoutMsecs},
    };
}

ServerSpec ServerSpec::fromJson(const QJsonObject &object)
{
    ServerSpec spec;
    spec.name = object.value(QStringLiteral("name")).toString(spec.name);
    spec.address = object.value(QStringLiteral("address")).toString(spec.address);
    spec.port = portOf(object.value(QStringLiteral("port")), spec.port);
    if (object.contains(QStringLiteral("codec")))
        spec.codec = netcore::CodecConfig::fromJson(object.value(QStringLiteral("codec")).toObject());
    spec.maxClients = qMax(0, object.value(QStringLiteral("maxClients")).toInt(spec.maxClients));
    spec.workers = qMax(0, object.value(QStringLiteral("workers")).toInt(spec.workers));
    spec.mode = parseMode(object.value(QStringLiteral("mode")).toString(), spec.mode);
    spec.idleTimeoutMsecs = qMax(0, object.value(QStringLiteral("idleTimeoutMsecs")).toInt(spec.idleTimeoutMsecs));
    spec.tlsCertificateFile = object.value(QStringLiteral("tlsCertificateFile")).toString();
    spec.tlsKeyFile = object.value(QStringLiteral("tlsKeyFile")).toString();
    spec.allow = object.value(QStringLiteral("allow")).toString();
    spec.receipts = object.value(QStringLiteral("receipts")).toBool(spec.receipts);
    spec.rules = object.value(QStringLiteral("rules")).toObject();
    spec.script = object.value(QStringLiteral("script")).toString();
    spec.scriptTimeoutMsecs = qMax(1, object.value(QStringLiteral("scriptTimeoutMsecs")).toInt(spec.scriptTimeoutMsecs));
    return spec;
}

bool ServerSpec::differsOnlyInResponder(const ServerSpec &other) const
{
    ServerSpec same = other;
    same.mode = mode;
    same.rules = rules;
    same.script = script;
    same.scriptTimeoutMsecs = scriptTimeoutMsecs;
    return same == *this && !(other == *this);
}

bool operator==(const ServerSpec &a, const ServerSpec &b)
{
    return a.name == b.name && a.address == b.address && a.port == b.port && a.codec == b.codec
        && a.maxClients == b.maxClients && a.workers == b.workers && a.mode == b.mode
        && a.idleTimeoutMsecs == b.idleTimeoutMsecs && a.tlsCertificateFile == b.tlsCertificateFile
        && a.tlsKeyFile == b.tlsKeyFile && a.allow == b.allow && a.receipts == b.receipts && a.rules == b.rules
        && a.script == b.script && a.scriptTimeoutMsecs == b.scriptTimeoutMsecs;
}

QJsonObject ClientSpec::toJson() const
{
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("host"), host},
        {QStringLiteral("port"), int(port)},
        {QStringLiteral("codec"), codec.toJson()},
        {QStringLiteral("autoReconnect"), autoReconnect},
        {QStringLiteral("tls"), tls},
        {QStringLiteral("caFile"), caFile},
        {QStringLiteral("insecure"), insecure},
        {QStringLiteral("receipts"), receipts},
        {QStringLiteral("login"), loginJson(login, loginMessage)},
    };
}

ClientSpec ClientSpec::fromJson(const QJsonObject &object)
{
    ClientSpec spec;
    spec.name = object.value(QStringLiteral("name")).toString(spec.name);
    spec.host = object.value(QStringLiteral("host")).toString(spec.host);
    spec.port = portOf(object.value(QStringLiteral("port")), spec.port);
    if (object.contains(QStringLiteral("codec")))
        spec.codec = netcore::CodecConfig::fromJson(object.value(QStringLiteral("codec")).toObject());
    spec.autoReconnect = object.value(QStringLiteral("autoReconnect")).toBool(spec.autoReconnect);
    spec.tls = object.value(QStringLiteral("tls")).toBool(spec.tls);
    spec.caFile = object.value(QStringLiteral("caFile")).toString();
    spec.insecure = object.value(QStringLiteral("insecure")).toBool(spec.insecure);
    spec.receipts = object.value(QStringLiteral("receipts")).toBool(spec.receipts);
    const QJsonObject login = object.value(QStringLiteral("login")).toObject(); // none in an older file: off
    spec.login = login.value(QStringLiteral("enabled")).toBool(false);
    spec.loginMessage = SavedPayload::fromJson(login);
    spec.loginMessage.name.clear();
    return spec;
}

bool operator==(const ClientSpec &a, const ClientSpec &b)
{
    return a.name == b.name && a.host == b.host && a.port == b.port && a.codec == b.codec
        && a.autoReconnect == b.autoReconnect && a.tls == b.tls && a.caFile == b.caFile
        && a.insecure == b.insecure && a.receipts == b.receipts && a.login == b.login
        && a.loginMessage == b.loginMessage;
}

netcore::Message asCarriedBy(const netcore::CodecConfig &codec, const netcore::Message &message)
{
    if (codec.carriesChannelAndId())
        return message;
    netcore::Message bare = message;
    bare.setChannel(QString());
    bare.setId(0);
    return bare;
}

void SendTally::add(const SendTally &other)
{
    sent += other.sent;
    queued += other.queued;
    if (other.refused > 0 && firstRefusal.isEmpty())
        firstRefusal = other.firstRefusal;
    refused += other.refused;
}

QString SendTally::refusalSummary() const
{
    if (refused == 0)
        return {};
    if (count() == 1)
        return QCoreApplication::translate("wirebench::SendTally", "not sent: %1").arg(firstRefusal);
    return QCoreApplication::translate("wirebench::SendTally", "%1 of %2 messages not sent: %3")
        .arg(refused).arg(count()).arg(firstRefusal);
}

void SendTally::refuse(const QString &why)
{
    if (firstRefusal.isEmpty())
        firstRefusal = why;
    ++refused;
}

} // namespace wirebench
