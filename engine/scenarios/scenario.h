#pragma once

#include <engine/scenarios/scenariostep.h>

#include <netcore/codecconfig.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QString>

namespace wirebench {

class JsonSource;

/** One client of a scenario: where it connects and which codec it speaks (plain TCP). */
struct ScenarioClient
{
    QString name;                 ///< as steps name it in "as"; empty for the one client at a scenario's top
    QString host;
    quint16 port = 0;
    netcore::CodecConfig codec;
};

/**
 * A scenario file, read and checked: clients that connect to a server, then
 * steps that send to it and expect its answers, for CI.
 *
 *     {"name"?: "...", "timeout_ms"?: N,
 *      "clients": {"alice": {"connect": "HOST:PORT", "codec"?: CODEC}, ...},
 *      "steps": [STEP, ...]}
 *
 * or, with one client, "connect" and "codec" at the top instead of
 * "clients". CODEC is a codec name ("line") or an object with the names
 * of the CLI's codec options ({"codec": "line", "delimiter": "\\r\\n"};
 * CodecParameters). STEP is a ScenarioStep. "timeout_ms" is what an
 * expectation waits unless it says otherwise (defaultTimeoutMsecs).
 */
class Scenario
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::Scenario)

public:
    /** How long an expectation waits when neither it nor the scenario says. */
    static constexpr int defaultTimeoutMsecs = 5000;

    /** Reads @p fileName; false, with @p error "FILE:LINE: what is wrong", if it cannot be run. */
    static bool load(const QString &fileName, Scenario *result, QString *error);
    /** The same for a document already read. */
    static bool parse(const JsonSource &source, Scenario *result, QString *error);
    /** The same for a scenario held in memory; the problem names the path, not a line. */
    static bool fromJson(const QJsonObject &object, Scenario *result, JsonProblem *problem);

    /** "name", or empty. */
    const QString &name() const { return m_name; }
    /** At least one; in the order of their names (a JSON object's). */
    const QList<ScenarioClient> &clients() const { return m_clients; }
    const QList<ScenarioStep> &steps() const { return m_steps; }

private:
    static bool parseClient(const QJsonObject &object, ScenarioClient *client, JsonProblem *problem);
    static bool parseCodec(const QJsonValue &value, netcore::CodecConfig *codec, JsonProblem *problem);

    QString m_name;
    QList<ScenarioClient> m_clients;
    QList<ScenarioStep> m_steps;
};

} // namespace wirebench
