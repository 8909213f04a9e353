#include "scenario.h"

#include <engine/codecparameters.h>
#include <engine/responders/jsonsource.h>

#include <netcore/endpoint.h>

namespace wirebench {

bool Scenario::load(const QString &fileName, Scenario *result, QString *error)
{
    JsonSource source;
    return source.load(fileName, error) && parse(source, result, error);
}

bool Scenario::parse(const JsonSource &source, Scenario *result, QString *error)
{
    return source.readObject(result, tr("a scenario is an object: {\"clients\": {...}, \"steps\": [...]}"), error);
}

bool Scenario::fromJson(const QJsonObject &object, Scenario *result, JsonProblem *problem)
{
    static const QStringList keys{QStringLiteral("name"),    QStringLiteral("timeout_ms"), QStringLiteral("clients"),
                                  QStringLiteral("connect"), QStringLiteral("codec"),      QStringLiteral("steps")};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!keys.contains(it.key())) {
            *problem = {JsonProblem::key(it.key()),
                        tr("unknown key \"%1\": a scenario has \"clients\" (or \"connect\" and \"codec\" for one "
                           "client), \"steps\", \"timeout_ms\" and \"name\"")
                            .arg(it.key())};
            return false;
        }
    }

    Scenario scenario;
    const QString name = QStringLiteral("name");
    if (object.contains(name) && !object.value(name).isString()) {
        *problem = {JsonProblem::key(name), tr("\"name\" must be a string")};
        return false;
    }
    scenario.m_name = object.value(name).toString();
    ScenarioStep::Context context;
    context.defaultTimeoutMsecs = defaultTimeoutMsecs;
    const QString timeout = QStringLiteral("timeout_ms");
    if (object.contains(timeout)
        && !ScenarioStep::parseMsecs(object.value(timeout), timeout, 1, &context.defaultTimeoutMsecs, problem))
        return false;

    const QString clients = QStringLiteral("clients");
    const QString connect = QStringLiteral("connect");
    const QString codec = QStringLiteral("codec");
    if (object.contains(clients)) {
        for (const QString &key : {connect, codec}) {
            if (object.contains(key)) {
                *problem = {JsonProblem::key(key), tr("\"%1\" at the top is for a scenario of one client; "
                                                      "with \"clients\", each client has its own")
                                                       .arg(key)};
                return false;
            }
        }
        const QJsonObject named = object.value(clients).toObject();
        if (!object.value(clients).isObject() || named.isEmpty()) {
            *problem = {JsonProblem::key(clients),
                        tr("\"clients\" names each client: {\"alice\": {\"connect\": \"127.0.0.1:7000\"}, ...}")};
            return false;
        }
        for (auto it = named.begin(); it != named.end(); ++it) {
            const QString path = JsonProblem::key(clients) + JsonProblem::key(it.key());
            ScenarioClient client;
            client.name = it.key();
            if (client.name.isEmpty()) {
                *problem = {path, tr("a client's name must not be empty")};
                return false;
            }
            if (!it.value().isObject()) {
                *problem = {path, tr("a client is an object: {\"connect\": \"HOST:PORT\", \"codec\": \"envelope\"}")};
                return false;
            }
            if (!parseClient(it.value().toObject(), &client, problem)) {
                *problem = problem->under(path);
                return false;
            }
            scenario.m_clients.append(client);
            context.clients.append(client.name);
        }
    } else if (object.contains(connect)) {
        QJsonObject own{{connect, object.value(connect)}};
        if (object.contains(codec))
            own.insert(codec, object.value(codec));
        ScenarioClient client;
        if (!parseClient(own, &client, problem))
            return false;
        scenario.m_clients.append(client);
        context.clients.append(client.name);
        context.namedClients = false;
    } else {
        *problem = {{}, tr("a scenario needs \"clients\": {\"alice\": {\"connect\": \"HOST:PORT\"}, ...} or, "
                           "for one client, \"connect\": \"HOST:PORT\"")};
        return false;
    }

    const QString steps = QStringLiteral("steps");
    if (!object.contains(steps)) {
        *problem = {{}, tr("a scenario needs \"steps\": [{\"send\": {...}}, {\"expect\": {...}}, ...]")};
        return false;
    }
    if (!ScenarioStep::parseList(object.value(steps), steps, context, &scenario.m_steps, problem)) {
        *problem = problem->under(JsonProblem::key(steps));
        return false;
    }
    *result = scenario;
    return true;
}

bool Scenario::parseClient(const QJsonObject &object, ScenarioClient *client, JsonProblem *problem)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == QLatin1String("connect") || it.key() == QLatin1String("codec"))
            continue;
        *problem = {JsonProblem::key(it.key()),
                    it.key() == QLatin1String("tls")
                        ? tr("scenarios connect over plain TCP for now: \"tls\" is not supported yet")
                        : tr("unknown client key \"%1\": a client has \"connect\" and \"codec\"").arg(it.key())};
        return false;
    }
    const QString connect = QStringLiteral("connect");
    if (!object.contains(connect)) {
        *problem = {{}, tr("a client needs \"connect\": \"HOST:PORT\"")};
        return false;
    }
    netcore::Endpoint endpoint;
    QString why;
    if (!object.value(connect).isString()) {
        *problem = {JsonProblem::key(connect), tr("\"connect\" must be \"HOST:PORT\", as a string")};
        return false;
    }
    if (!netcore::Endpoint::parse(object.value(connect).toString(), QStringLiteral("127.0.0.1"), &endpoint, &why)
        || endpoint.port == 0) {
        *problem = {JsonProblem::key(connect), tr("\"connect\": %1").arg(why.isEmpty() ? tr("HOST:PORT needs a port") : why)};
        return false;
    }
    client->host = endpoint.host;
    client->port = endpoint.port;
    const QString codec = QStringLiteral("codec");
    client->codec = netcore::CodecConfig::envelope();
    if (object.contains(codec) && !parseCodec(object.value(codec), &client->codec, problem)) {
        *problem = problem->under(JsonProblem::key(codec));
        return false;
    }
    return true;
}

bool Scenario::parseCodec(const QJsonValue &value, netcore::CodecConfig *codec, JsonProblem *problem)
{
    CodecParameters::Problem why;
    if (!CodecParameters::fromJson(value, codec, &why)) {
        *problem = {value.isObject() && !why.name.isEmpty() ? JsonProblem::key(why.name) : QString(), why.message};
        return false;
    }
    return true;
}

} // namespace wirebench
