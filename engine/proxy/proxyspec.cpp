#include "proxyspec.h"

#include <QtCore/QJsonArray>

namespace wirebench {

bool ProxySpec::validate(QString *why) const
{
    if (upstreamHost.trimmed().isEmpty() || upstreamPort == 0) {
        *why = QStringLiteral("the proxy needs an upstream HOST:PORT");
        return false;
    }
    if (seed > maxSeed) {
        *why = QStringLiteral("the seed must be at most %1, not %2").arg(maxSeed).arg(seed);
        return false;
    }
    if (workers < 1 || workers > 64) {
        *why = QStringLiteral("workers must be from 1 to 64, not %1").arg(workers);
        return false;
    }
    const QString codecProblem = codec.validate();
    if (!codecProblem.isEmpty()) {
        *why = codecProblem;
        return false;
    }
    if (codec.kind == netcore::CodecConfig::Kind::Raw) {
        for (const Fault &fault : faults) {
            if (fault.isMessageLevel()) {
                *why = QStringLiteral("--%1 acts on whole messages: it needs a codec with frames, not raw")
                           .arg(Fault::kindName(fault.kind));
                return false;
            }
        }
    }
    return true;
}

QJsonObject ProxySpec::toJson() const
{
    QJsonArray faultList;
    for (const Fault &fault : faults)
        faultList.append(fault.toJson());
    return {
        {QStringLiteral("name"), name},
        {QStringLiteral("listenHost"), listenHost},
        {QStringLiteral("listenPort"), listenPort},
        {QStringLiteral("upstreamHost"), upstreamHost},
        {QStringLiteral("upstreamPort"), upstreamPort},
        {QStringLiteral("codec"), codec.toJson()},
        {QStringLiteral("faults"), faultList},
        // A string, as it is typed: a file edited by hand may hold any number, and validate() says what is wrong.
        {QStringLiteral("seed"), QString::number(seed)},
        {QStringLiteral("decode"), decode},
        {QStringLiteral("workers"), workers},
    };
}

bool ProxySpec::fromJson(const QJsonObject &object, ProxySpec *spec, QString *why)
{
    ProxySpec parsed;
    parsed.name = object.value(QStringLiteral("name")).toString();
    parsed.listenHost = object.value(QStringLiteral("listenHost")).toString(parsed.listenHost);
    parsed.upstreamHost = object.value(QStringLiteral("upstreamHost")).toString(parsed.upstreamHost);
    const int listenPort = object.value(QStringLiteral("listenPort")).toInt(0);
    const int upstreamPort = object.value(QStringLiteral("upstreamPort")).toInt(0);
    if (listenPort < 0 || listenPort > 65535 || upstreamPort < 0 || upstreamPort > 65535) {
        *why = QStringLiteral("a port out of range");
        return false;
    }
    parsed.listenPort = quint16(listenPort);
    parsed.upstreamPort = quint16(upstreamPort);
    if (object.contains(QStringLiteral("codec")))
        parsed.codec = netcore::CodecConfig::fromJson(object.value(QStringLiteral("codec")).toObject());
    const QJsonArray faultList = object.value(QStringLiteral("faults")).toArray();
    for (const QJsonValue &value : faultList) {
        Fault fault;
        if (!Fault::fromJson(value.toObject(), &fault, why))
            return false;
        parsed.faults.append(fault);
    }
    bool seedOk = true;
    const QString seed = object.value(QStringLiteral("seed")).toString(QStringLiteral("0"));
    parsed.seed = seed.toULongLong(&seedOk);
    if (!seedOk) {
        *why = QStringLiteral("the seed is not a number: \"%1\"").arg(seed);
        return false;
    }
    parsed.decode = object.value(QStringLiteral("decode")).toBool(true);
    parsed.workers = object.value(QStringLiteral("workers")).toInt(1);
    *spec = parsed;
    return true;
}

bool ProxySpec::operator==(const ProxySpec &other) const
{
    return name == other.name && listenHost == other.listenHost && listenPort == other.listenPort
        && upstreamHost == other.upstreamHost && upstreamPort == other.upstreamPort && codec == other.codec
        && faults == other.faults && seed == other.seed && decode == other.decode && workers == other.workers;
}

} // namespace wirebench
