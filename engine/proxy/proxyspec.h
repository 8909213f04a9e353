#pragma once

#include <engine/proxy/fault.h>

#include <netcore/codecconfig.h>

#include <QtCore/QJsonObject>

namespace wirebench {

/** What a proxy is: where it listens, where it forwards to, how it decodes, and its faults. */
struct ProxySpec
{
    /** The largest seed: a JSON number holds it exactly (and a reader in JavaScript reads the same one). */
    static constexpr quint64 maxSeed = (quint64(1) << 53) - 1;

    QString name;                                  ///< how logs and events name it; may be empty
    QString listenHost = QStringLiteral("127.0.0.1");
    quint16 listenPort = 0;                        ///< 0: any free port
    QString upstreamHost = QStringLiteral("127.0.0.1");
    quint16 upstreamPort = 0;
    netcore::CodecConfig codec;                    ///< for display and message-level faults only
    QList<Fault> faults;
    quint64 seed = 0;                              ///< of the faults' random choices, at most maxSeed; 0: one is picked at start
    bool decode = true;                            ///< report messages (false: bytes pass, nothing is decoded)
    int workers = 1;                               ///< I/O threads

    /** False, with @p why, if it cannot run: no upstream, message faults with the raw codec, ... */
    bool validate(QString *why) const;

    QJsonObject toJson() const;
    /** False, with @p why, if @p object does not describe a spec. */
    static bool fromJson(const QJsonObject &object, ProxySpec *spec, QString *why);

    bool operator==(const ProxySpec &other) const;
    bool operator!=(const ProxySpec &other) const { return !(*this == other); }
};

} // namespace wirebench
