#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>

namespace wirebench {

/**
 * A scenario as a file for people: indented, one client and one step a
 * line, keys in the order a person reads them rather than QJsonObject's
 * alphabetical one:
 *
 *     {
 *       "name": "login",
 *       "connect": "127.0.0.1:7000",
 *       "codec": {"codec": "envelope", "max-frame": 16777216},
 *       "steps": [
 *         {"send": {"channel": "login", "json": {"user": "alice"}}},
 *         {"expect": {"channel": "login", "type": "json", "json": {"/ok": true}}},
 *         {"sleep_ms": 120}
 *       ]
 *     }
 *
 * Scenario::load() reads it back to the same object.
 */
class ScenarioText
{
public:
    /** @p scenario (Scenario::fromJson()'s form) as UTF-8 text, "\n" at the end. */
    static QByteArray format(const QJsonObject &scenario);
};

} // namespace wirebench
