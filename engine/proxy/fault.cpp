#include "fault.h"

#include <QtCore/QJsonValue>

#include <cmath>
#include <limits>

namespace wirebench {

namespace {

struct KindName
{
    Fault::Kind kind;
    const char *name;
};

constexpr KindName kindNames[] = {
    {Fault::Kind::Latency, "latency"},     {Fault::Kind::Bandwidth, "bandwidth"},
    {Fault::Kind::Slice, "slice"},         {Fault::Kind::LimitData, "limit-data"},
    {Fault::Kind::Timeout, "timeout"},     {Fault::Kind::ResetAfter, "reset-after"},
    {Fault::Kind::SlowClose, "slow-close"}, {Fault::Kind::Drop, "drop"},
    {Fault::Kind::Duplicate, "duplicate"}, {Fault::Kind::Corrupt, "corrupt"},
    {Fault::Kind::DelayChannel, "delay-channel"},
};

// A day: no fault needs a longer wait, and it keeps every sum of times far from overflowing.
constexpr qint64 maxMsecs = 24 * 3600 * 1000;

bool parseCount(const QString &text, qint64 min, qint64 max, qint64 *value, const QString &what, QString *why)
{
    bool ok = false;
    const qint64 parsed = text.trimmed().toLongLong(&ok);
    if (!ok || parsed < min || parsed > max) {
        *why = QStringLiteral("%1 must be a whole number from %2 to %3, not \"%4\"").arg(what).arg(min).arg(max).arg(text);
        return false;
    }
    *value = parsed;
    return true;
}

bool parseProbability(const QString &text, double *value, QString *why)
{
    bool ok = false;
    const double parsed = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(parsed) || parsed < 0 || parsed > 1) {
        *why = QStringLiteral("a probability must be a number from 0 to 1, not \"%1\"").arg(text);
        return false;
    }
    *value = parsed;
    return true;
}

/** "HEAD[:TAIL]" split at its last colon (a channel name may hold colons: "a:b:0.5"); a null tail without one. */
void splitAtLastColon(const QString &value, QString *head, QString *tail)
{
    const qsizetype colon = value.lastIndexOf(QLatin1Char(':'));
    *head = colon < 0 ? value : value.left(colon);
    *tail = colon < 0 ? QString() : value.mid(colon + 1);
}

QString number(double probability)
{
    return QString::number(probability, 'g', 10);
}

} // namespace

QString proxyDirectionName(ProxyDirection direction)
{
    return direction == ProxyDirection::ClientToServer ? QStringLiteral("c2s") : QStringLiteral("s2c");
}

bool Fault::isMessageLevel() const
{
    return kind == Kind::Drop || kind == Kind::Duplicate || kind == Kind::Corrupt || kind == Kind::DelayChannel;
}

bool Fault::appliesTo(ProxyDirection direction) const
{
    switch (directions) {
    case Directions::Both: return true;
    case Directions::ClientToServer: return direction == ProxyDirection::ClientToServer;
    case Directions::ServerToClient: return direction == ProxyDirection::ServerToClient;
    }
    return false;
}

bool Fault::matchesChannel(const QString &messageChannel) const
{
    return channel == QLatin1String("*") || channel == messageChannel;
}

QString Fault::kindName(Kind kind)
{
    for (const KindName &entry : kindNames) {
        if (entry.kind == kind)
            return QLatin1String(entry.name);
    }
    return {};
}

bool Fault::kindFromName(const QString &name, Kind *kind)
{
    for (const KindName &entry : kindNames) {
        if (name == QLatin1String(entry.name)) {
            *kind = entry.kind;
            return true;
        }
    }
    return false;
}

QString Fault::directionsName(Directions directions)
{
    switch (directions) {
    case Directions::Both: return QStringLiteral("both");
    case Directions::ClientToServer: return QStringLiteral("c2s");
    case Directions::ServerToClient: return QStringLiteral("s2c");
    }
    return {};
}

bool Fault::directionsFromName(const QString &name, Directions *directions)
{
    for (Directions candidate : {Directions::Both, Directions::ClientToServer, Directions::ServerToClient}) {
        if (name == directionsName(candidate)) {
            *directions = candidate;
            return true;
        }
    }
    return false;
}

bool Fault::parse(Kind kind, const QString &value, Fault *fault, QString *why)
{
    Fault parsed;
    parsed.kind = kind;
    const QString name = QStringLiteral("--") + kindName(kind);
    bool ok = true;
    switch (kind) {
    case Kind::Latency:
    case Kind::Timeout:
    case Kind::ResetAfter:
    case Kind::SlowClose:
        ok = parseCount(value, 0, maxMsecs, &parsed.amount, name, why);
        break;
    case Kind::Bandwidth:
        ok = parseCount(value, 1, std::numeric_limits<int>::max(), &parsed.amount, name, why);
        break;
    case Kind::Slice: {
        QString head, tail;
        splitAtLastColon(value, &head, &tail);
        ok = parseCount(head, 1, 64 * 1024 * 1024, &parsed.amount, name + QStringLiteral("'s BYTES"), why)
            && (tail.isNull() || parseCount(tail, 0, maxMsecs * 1000, &parsed.extra, name + QStringLiteral("'s DELAY_US"), why));
        break;
    }
    case Kind::LimitData:
        ok = parseCount(value, 0, std::numeric_limits<qint64>::max(), &parsed.amount, name, why);
        break;
    case Kind::Drop:
    case Kind::Duplicate: {
        QString probability;
        splitAtLastColon(value, &parsed.channel, &probability);
        ok = probability.isNull() || parseProbability(probability, &parsed.probability, why);
        break;
    }
    case Kind::Corrupt:
        ok = parseProbability(value, &parsed.probability, why);
        break;
    case Kind::DelayChannel: {
        QString msecs;
        splitAtLastColon(value, &parsed.channel, &msecs);
        ok = !msecs.isNull() && parseCount(msecs, 0, maxMsecs, &parsed.amount, name + QStringLiteral("'s MS"), why);
        if (msecs.isNull())
            *why = QStringLiteral("%1 takes CHANNEL:MS, not \"%2\"").arg(name, value);
        break;
    }
    }
    if (ok && parsed.isMessageLevel() && kind != Kind::Corrupt && parsed.channel.isEmpty()) {
        // The default channel has no name; "" would read as a typo, so it is spelled out.
        *why = QStringLiteral("%1 needs a channel (\"*\" for any)").arg(name);
        ok = false;
    }
    if (ok)
        *fault = parsed;
    return ok;
}

QString Fault::value() const
{
    switch (kind) {
    case Kind::Slice:
        return extra > 0 ? QStringLiteral("%1:%2").arg(amount).arg(extra) : QString::number(amount);
    case Kind::Drop:
    case Kind::Duplicate:
        return probability < 1 ? QStringLiteral("%1:%2").arg(channel, number(probability)) : channel;
    case Kind::Corrupt:
        return number(probability);
    case Kind::DelayChannel:
        return QStringLiteral("%1:%2").arg(channel).arg(amount);
    default:
        return QString::number(amount);
    }
}

QString Fault::describe() const
{
    QString text;
    switch (kind) {
    case Kind::Latency:
        text = extra > 0 ? QStringLiteral("latency %1 ms ± %2 ms").arg(amount).arg(extra)
                         : QStringLiteral("latency %1 ms").arg(amount);
        break;
    case Kind::Bandwidth: text = QStringLiteral("bandwidth %1 KiB/s").arg(amount); break;
    case Kind::Slice:
        text = extra > 0 ? QStringLiteral("slice %1 B, %2 µs apart").arg(amount).arg(extra)
                         : QStringLiteral("slice %1 B").arg(amount);
        break;
    case Kind::LimitData: text = QStringLiteral("limit data %1 B").arg(amount); break;
    case Kind::Timeout:
        text = amount > 0 ? QStringLiteral("timeout %1 ms").arg(amount) : QStringLiteral("timeout (hold open)");
        break;
    case Kind::ResetAfter: text = QStringLiteral("reset after %1 ms").arg(amount); break;
    case Kind::SlowClose: text = QStringLiteral("slow close %1 ms").arg(amount); break;
    case Kind::Drop:
    case Kind::Duplicate:
        text = QStringLiteral("%1 %2").arg(kindName(kind), channel);
        if (probability < 1)
            text += QStringLiteral(" (p %1)").arg(number(probability));
        break;
    case Kind::Corrupt: text = QStringLiteral("corrupt (p %1)").arg(number(probability)); break;
    case Kind::DelayChannel: text = QStringLiteral("delay %1 by %2 ms").arg(channel).arg(amount); break;
    }
    if (kind != Kind::ResetAfter && directions != Directions::Both)
        text += QStringLiteral(", ") + directionsName(directions);
    return text;
}

QJsonObject Fault::toJson() const
{
    QJsonObject object{{QStringLiteral("kind"), kindName(kind)},
                       {QStringLiteral("enabled"), enabled},
                       {QStringLiteral("direction"), directionsName(directions)},
                       {QStringLiteral("value"), value()}};
    if (kind == Kind::Latency)
        object.insert(QStringLiteral("jitter"), extra);
    return object;
}

bool Fault::fromJson(const QJsonObject &object, Fault *fault, QString *why)
{
    Kind kind;
    if (!kindFromName(object.value(QStringLiteral("kind")).toString(), &kind)) {
        *why = QStringLiteral("unknown fault kind \"%1\"").arg(object.value(QStringLiteral("kind")).toString());
        return false;
    }
    Fault parsed;
    if (!parse(kind, object.value(QStringLiteral("value")).toString(), &parsed, why))
        return false;
    const QString direction = object.value(QStringLiteral("direction")).toString(QStringLiteral("both"));
    if (!directionsFromName(direction, &parsed.directions)) {
        *why = QStringLiteral("unknown fault direction \"%1\" (both, c2s, s2c)").arg(direction);
        return false;
    }
    parsed.enabled = object.value(QStringLiteral("enabled")).toBool(true);
    if (kind == Kind::Latency) {
        const qint64 jitter = object.value(QStringLiteral("jitter")).toInteger(0);
        if (jitter < 0 || jitter > maxMsecs) {
            *why = QStringLiteral("jitter out of range: %1").arg(jitter);
            return false;
        }
        parsed.extra = jitter;
    }
    *fault = parsed;
    return true;
}

bool Fault::operator==(const Fault &other) const
{
    return kind == other.kind && enabled == other.enabled && directions == other.directions
        && amount == other.amount && extra == other.extra && channel == other.channel
        && probability == other.probability;
}

bool hasMessageFaults(const QList<Fault> &faults)
{
    for (const Fault &fault : faults) {
        if (fault.enabled && fault.isMessageLevel())
            return true;
    }
    return false;
}

} // namespace wirebench
