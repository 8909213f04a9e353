#include "scenariostep.h"

#include <engine/compactjson.h>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

namespace wirebench {

namespace {

const QStringList &actionKeys()
{
    // In Action's order.
    static const QStringList keys{QStringLiteral("send"), QStringLiteral("expect"), QStringLiteral("expect_closed"),
                                  QStringLiteral("sleep_ms"), QStringLiteral("repeat")};
    return keys;
}

/** The keys that may sit beside each action's key, in Action's order. */
QStringList companionKeys(ScenarioStep::Action action)
{
    const QString as = QStringLiteral("as");
    switch (action) {
    case ScenarioStep::Action::Send: return {as};
    case ScenarioStep::Action::Expect:
    case ScenarioStep::Action::ExpectClosed: return {as, QStringLiteral("timeout_ms"), QStringLiteral("skip_others")};
    case ScenarioStep::Action::Sleep: return {};
    case ScenarioStep::Action::Repeat: return {QStringLiteral("steps")};
    }
    return {};
}

QString elided(const QString &text, qsizetype length)
{
    return text.size() <= length ? text : text.left(length - 3) + QStringLiteral("...");
}

} // namespace

bool ScenarioStep::parseList(const QJsonValue &value, const QString &path, const Context &context,
                             QList<ScenarioStep> *steps, JsonProblem *problem)
{
    if (!value.isArray()) {
        *problem = {{}, tr("\"steps\" is an array of steps: [{\"send\": {...}}, {\"expect\": {...}}, ...]")};
        return false;
    }
    const QJsonArray array = value.toArray();
    QList<ScenarioStep> parsed;
    for (qsizetype i = 0; i < array.size(); ++i) {
        ScenarioStep step;
        if (!parse(array.at(i), QStringLiteral("%1[%2]").arg(path).arg(i), context, &step, problem)) {
            *problem = problem->under(JsonProblem::index(i));
            return false;
        }
        parsed.append(step);
    }
    *steps = parsed;
    return true;
}

bool ScenarioStep::parse(const QJsonValue &value, const QString &path, const Context &context, ScenarioStep *step,
                         JsonProblem *problem)
{
    const QString oneOf = tr("one of \"send\", \"expect\", \"expect_closed\", \"sleep_ms\" or \"repeat\"");
    if (!value.isObject()) {
        *problem = {{}, tr("a step is an object with %1").arg(oneOf)};
        return false;
    }
    const QJsonObject object = value.toObject();
    QStringList actions;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (actionKeys().contains(it.key())) {
            actions.append(it.key());
        } else if (!companionKeys(Action::Expect).contains(it.key()) && it.key() != QLatin1String("steps")) {
            *problem = {JsonProblem::key(it.key()),
                        tr("unknown step key \"%1\": a step has %2, and \"as\", \"timeout_ms\", \"skip_others\" "
                           "or \"steps\" with them")
                            .arg(it.key(), oneOf)};
            return false;
        }
    }
    if (actions.size() != 1) {
        *problem = {{}, actions.isEmpty() ? tr("a step needs %1").arg(oneOf)
                                          : tr("a step does one thing; this one has %1")
                                                .arg(actions.join(QLatin1String(", ")))};
        return false;
    }
    const QString actionKey = actions.first();
    ScenarioStep result;
    result.action = Action(actionKeys().indexOf(actionKey));
    result.path = path;
    const QJsonValue argument = object.value(actionKey);
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != actionKey && !companionKeys(result.action).contains(it.key())) {
            *problem = {JsonProblem::key(it.key()), tr("\"%1\" does not go with \"%2\"").arg(it.key(), actionKey)};
            return false;
        }
    }

    switch (result.action) {
    case Action::Send:
        if (!parseClient(object, context, &result, problem))
            return false;
        if (!ReplyTemplate::parse(argument, &result.reply, problem)) {
            *problem = problem->under(JsonProblem::key(actionKey));
            return false;
        }
        break;
    case Action::Expect:
    case Action::ExpectClosed: {
        if (result.action == Action::Expect && !MessageMatcher::parse(argument, &result.matcher, problem)) {
            *problem = problem->under(JsonProblem::key(actionKey));
            return false;
        }
        if (result.action == Action::ExpectClosed && argument != QJsonValue(true)) {
            *problem = {JsonProblem::key(actionKey), tr("\"expect_closed\" must be true")};
            return false;
        }
        if (!parseClient(object, context, &result, problem))
            return false;
        result.timeoutMsecs = context.defaultTimeoutMsecs;
        const QString timeout = QStringLiteral("timeout_ms");
        if (object.contains(timeout) && !parseMsecs(object.value(timeout), timeout, 1, &result.timeoutMsecs, problem))
            return false;
        const QString skip = QStringLiteral("skip_others");
        if (object.contains(skip) && !object.value(skip).isBool()) {
            *problem = {JsonProblem::key(skip), tr("\"skip_others\" must be true or false")};
            return false;
        }
        result.skipOthers = object.value(skip).toBool();
        break;
    }
    case Action::Sleep:
        if (!parseMsecs(argument, actionKey, 0, &result.sleepMsecs, problem))
            return false;
        break;
    case Action::Repeat: {
        const double count = argument.toDouble(-1);
        if (!argument.isDouble() || count < 0 || count > maxRepeat || count != double(int(count))) {
            *problem = {JsonProblem::key(actionKey), tr("\"repeat\" must be an integer from 0 to %1").arg(maxRepeat)};
            return false;
        }
        result.repeatCount = int(count);
        const QString steps = QStringLiteral("steps");
        if (!object.contains(steps)) {
            *problem = {{}, tr("\"repeat\" needs \"steps\": the steps to repeat")};
            return false;
        }
        if (!parseList(object.value(steps), path + QStringLiteral(".steps"), context, &result.steps, problem)) {
            *problem = problem->under(JsonProblem::key(steps));
            return false;
        }
        if (result.steps.isEmpty()) {
            *problem = {JsonProblem::key(steps), tr("\"steps\" of a repeat needs at least one step")};
            return false;
        }
        break;
    }
    }
    result.summarize(object, context);
    *step = result;
    return true;
}

bool ScenarioStep::parseClient(const QJsonObject &object, const Context &context, ScenarioStep *step,
                               JsonProblem *problem)
{
    const QString as = QStringLiteral("as");
    if (!object.contains(as)) {
        if (context.clients.size() == 1) {
            step->client = 0;
            return true;
        }
        *problem = {{}, tr("which client? This step needs \"as\": one of %1")
                            .arg(QLatin1Char('"') + context.clients.join(QLatin1String("\", \"")) + QLatin1Char('"'))};
        return false;
    }
    const QJsonValue value = object.value(as);
    if (!value.isString()) {
        *problem = {JsonProblem::key(as), tr("\"as\" must be a client's name, as a string")};
        return false;
    }
    if (!context.namedClients) {
        *problem = {JsonProblem::key(as), tr("\"as\" names one of \"clients\"; this scenario has one client, "
                                             "its \"connect\" at the top: leave \"as\" out")};
        return false;
    }
    step->client = int(context.clients.indexOf(value.toString()));
    if (step->client < 0) {
        *problem = {JsonProblem::key(as), tr("unknown client \"%1\" in \"as\": the clients are %2")
                                              .arg(value.toString(), QLatin1Char('"')
                                                       + context.clients.join(QLatin1String("\", \"")) + QLatin1Char('"'))};
        return false;
    }
    return true;
}

bool ScenarioStep::parseMsecs(const QJsonValue &value, const QString &key, int min, int *msecs, JsonProblem *problem)
{
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < min || number > maxMsecs || number != double(int(number))) {
        *problem = {JsonProblem::key(key), tr("\"%1\" must be an integer from %2 to %3 (ms)").arg(key).arg(min).arg(maxMsecs)};
        return false;
    }
    *msecs = int(number);
    return true;
}

void ScenarioStep::summarize(const QJsonObject &object, const Context &context)
{
    const QString who = client >= 0 && context.namedClients ? QLatin1Char(' ') + context.clients.at(client) : QString();
    switch (action) {
    case Action::Send:
        summary = tr("send%1 %2").arg(who, elided(compactJson(object.value(QLatin1String("send"))), 100));
        break;
    case Action::Expect:
        summary = tr("expect%1 %2").arg(who, matcher.describe());
        if (skipOthers)
            summary += tr(", skipping others");
        break;
    case Action::ExpectClosed:
        summary = skipOthers ? tr("expect%1 closed, skipping messages").arg(who) : tr("expect%1 closed").arg(who);
        break;
    case Action::Sleep:
        summary = tr("sleep %1 ms").arg(sleepMsecs);
        break;
    case Action::Repeat:
        summary = tr("repeat %1 times").arg(repeatCount);
        break;
    }
}

} // namespace wirebench
