#pragma once

#include <engine/responders/messagematcher.h>
#include <engine/responders/replytemplate.h>

#include <QtCore/QJsonObject>
#include <QtCore/QList>

namespace wirebench {

class JsonSource;

/** One rule: when a message matches, these replies (after a delay), then perhaps an end. */
struct Rule
{
    enum class Then { Nothing, Close, Reset };

    MessageMatcher when;
    QList<ReplyTemplate> replies;
    int delayMsecs = 0;
    Then then = Then::Nothing;
};

/**
 * A rules file, read and checked:
 *
 *     {"on_connect": REPLY or [REPLY, ...],
 *      "rules": [{"when": MATCH, "reply": REPLY or [...], "delay_ms": N, "then": "close" | "reset"}, ...]}
 *
 * MATCH is a MessageMatcher, REPLY a ReplyTemplate. The first rule that
 * matches answers; a message no rule matches gets no reply.
 */
class RuleBook
{
public:
    /** Reads @p fileName; false, with @p error "FILE:LINE: what is wrong", if it cannot be used. */
    static bool load(const QString &fileName, RuleBook *result, QString *error);
    /** The same for a document already read. */
    static bool parse(const JsonSource &source, RuleBook *result, QString *error);
    /** The same for rules held in memory (a workspace's); the error names the path, not a line. */
    static bool fromJson(const QJsonObject &object, RuleBook *result, JsonProblem *problem);

    const QList<ReplyTemplate> &greeting() const { return m_greeting; }
    const QList<Rule> &rules() const { return m_rules; }
    /** The document as written: what a workspace keeps and an editor shows. */
    const QJsonObject &source() const { return m_source; }

private:
    static bool parseReplies(const QJsonValue &value, QList<ReplyTemplate> *replies, JsonProblem *problem);
    static bool parseRule(const QJsonValue &value, Rule *rule, JsonProblem *problem);

    QList<ReplyTemplate> m_greeting;
    QList<Rule> m_rules;
    QJsonObject m_source;
};

} // namespace wirebench
