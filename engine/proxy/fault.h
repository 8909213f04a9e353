#pragma once

#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QString>

namespace wirebench {

/** Which way bytes travel through a proxy. */
enum class ProxyDirection {
    ClientToServer, ///< "c2s": from the proxied client to the upstream server
    ServerToClient, ///< "s2c": from the upstream server back to the client
};

/** "c2s" or "s2c". */
QString proxyDirectionName(ProxyDirection direction);

/**
 * One way a proxy misbehaves on purpose: Toxiproxy's faults, with the same
 * meaning, and the message-level ones only a decoding proxy can do. A proxy
 * holds a list of them; each is a switch (enabled) with its parameters and
 * the directions it applies to, changed while connections run.
 *
 * What amount and extra mean depends on the kind:
 * | kind          | amount           | extra         | channel, probability |
 * |---------------|------------------|---------------|----------------------|
 * | Latency       | ms               | jitter, ms    |                      |
 * | Bandwidth     | KiB/s            |               |                      |
 * | Slice         | bytes per write  | pause, µs     |                      |
 * | LimitData     | bytes            |               |                      |
 * | Timeout       | ms (0: never)    |               |                      |
 * | ResetAfter    | ms               |               |                      |
 * | SlowClose     | ms               |               |                      |
 * | Drop          |                  |               | both                 |
 * | Duplicate     |                  |               | both                 |
 * | Corrupt       |                  |               | probability          |
 * | DelayChannel  | ms               |               | channel              |
 */
struct Fault
{
    enum class Kind {
        Latency, Bandwidth, Slice, LimitData, Timeout, ResetAfter, SlowClose, // bytes
        Drop, Duplicate, Corrupt, DelayChannel,                               // messages
    };
    enum class Directions { Both, ClientToServer, ServerToClient };

    Kind kind = Kind::Latency;
    bool enabled = true;
    Directions directions = Directions::Both;
    qint64 amount = 0;
    qint64 extra = 0;
    QString channel = QStringLiteral("*"); ///< "*": any channel
    double probability = 1.0;

    /** True for the faults that act on whole messages: they need a codec with frames. */
    bool isMessageLevel() const;
    bool appliesTo(ProxyDirection direction) const;
    /** True if a message on @p channel is this fault's ("*" matches every channel). */
    bool matchesChannel(const QString &channel) const;

    /** The CLI flag's name without dashes: "latency", "delay-channel", ... */
    static QString kindName(Kind kind);
    /** kindName()'s inverse; false if @p name is no fault. */
    static bool kindFromName(const QString &name, Kind *kind);
    /** "both", "c2s" or "s2c". */
    static QString directionsName(Directions directions);
    static bool directionsFromName(const QString &name, Directions *directions);

    /**
     * The fault a CLI flag's value describes, e.g. kind Slice and "16:500", kind Drop and "chat:0.5";
     * false, with @p why, if the value is malformed or out of range. Latency's jitter is its own
     * flag, so Latency takes "MS" only.
     */
    static bool parse(Kind kind, const QString &value, Fault *fault, QString *why);
    /** The value parse() reads back into this fault (the flag's argument). */
    QString value() const;
    /** A short readable line, e.g. "drop chat (p 0.5), c2s". */
    QString describe() const;

    /** As a workspace keeps it. */
    QJsonObject toJson() const;
    /** False, with @p why, for an unknown kind or a value out of range. */
    static bool fromJson(const QJsonObject &object, Fault *fault, QString *why);

    bool operator==(const Fault &other) const;
    bool operator!=(const Fault &other) const { return !(*this == other); }
};

/** True if any enabled fault of @p faults is message-level. */
bool hasMessageFaults(const QList<Fault> &faults);

} // namespace wirebench
