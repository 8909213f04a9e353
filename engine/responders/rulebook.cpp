#include "rulebook.h"

#include "jsonsource.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonArray>

namespace wirebench {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("wirebench::RuleBook", text);
}

} // namespace

bool RuleBook::load(const QString &fileName, RuleBook *result, QString *error)
{
    JsonSource source;
    return source.load(fileName, error) && parse(source, result, error);
}

bool RuleBook::parse(const JsonSource &source, RuleBook *result, QString *error)
{
    return source.readObject(result, tr("a rules file is an object: {\"on_connect\": ..., \"rules\": [...]}"), error);
}

bool RuleBook::fromJson(const QJsonObject &object, RuleBook *result, JsonProblem *problem)
{
    RuleBook book;
    book.m_source = object;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString path = JsonProblem::key(it.key());
        if (it.key() == QLatin1String("on_connect")) {
            if (!parseReplies(it.value(), &book.m_greeting, problem)) {
                *problem = problem->under(path);
                return false;
            }
        } else if (it.key() == QLatin1String("rules")) {
            if (!it.value().isArray()) {
                *problem = {path, tr("\"rules\" is an array of rules: [{\"when\": {...}, \"reply\": {...}}, ...]")};
                return false;
            }
            const QJsonArray rules = it.value().toArray();
            for (qsizetype i = 0; i < rules.size(); ++i) {
                Rule rule;
                if (!parseRule(rules.at(i), &rule, problem)) {
                    *problem = problem->under(path + JsonProblem::index(i));
                    return false;
                }
                book.m_rules.append(rule);
            }
        } else {
            *problem = {path, tr("unknown key \"%1\": a rules file has \"on_connect\" and \"rules\"").arg(it.key())};
            return false;
        }
    }
    *result = book;
    return true;
}

bool RuleBook::parseReplies(const QJsonValue &value, QList<ReplyTemplate> *replies, JsonProblem *problem)
{
    const QJsonArray array = value.isArray() ? value.toArray() : QJsonArray{value};
    for (qsizetype i = 0; i < array.size(); ++i) {
        ReplyTemplate reply;
        if (!ReplyTemplate::parse(array.at(i), &reply, problem)) {
            if (value.isArray())
                *problem = problem->under(JsonProblem::index(i));
            return false;
        }
        replies->append(reply);
    }
    return true;
}

bool RuleBook::parseRule(const QJsonValue &value, Rule *rule, JsonProblem *problem)
{
    if (!value.isObject()) {
        *problem = {{}, tr("a rule is an object: {\"when\": {...}, \"reply\": {...}, \"delay_ms\": N, \"then\": \"close\"}")};
        return false;
    }
    const QJsonObject object = value.toObject();
    if (!object.contains(QLatin1String("when"))) {
        *problem = {{}, tr("a rule needs \"when\" ({} matches every message)")};
        return false;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        const QString path = JsonProblem::key(key);
        const QJsonValue field = it.value();
        if (key == QLatin1String("when")) {
            if (!MessageMatcher::parse(field, &rule->when, problem)) {
                *problem = problem->under(path);
                return false;
            }
        } else if (key == QLatin1String("reply")) {
            if (!parseReplies(field, &rule->replies, problem)) {
                *problem = problem->under(path);
                return false;
            }
        } else if (key == QLatin1String("delay_ms")) {
            const double delay = field.toDouble(-1);
            if (!field.isDouble() || delay < 0 || delay > 86400000 || delay != double(int(delay))) {
                *problem = {path, tr("\"delay_ms\" must be an integer from 0 to 86400000 (a day)")};
                return false;
            }
            rule->delayMsecs = int(delay);
        } else if (key == QLatin1String("then")) {
            if (field.toString() == QLatin1String("close")) {
                rule->then = Rule::Then::Close;
            } else if (field.toString() == QLatin1String("reset")) {
                rule->then = Rule::Then::Reset;
            } else {
                *problem = {path, tr("\"then\" must be \"close\" or \"reset\"")};
                return false;
            }
        } else {
            *problem = {path, tr("unknown rule key \"%1\": a rule has \"when\", \"reply\", \"delay_ms\" and \"then\"").arg(key)};
            return false;
        }
    }
    return true;
}

} // namespace wirebench
