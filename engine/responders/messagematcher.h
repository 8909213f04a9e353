#pragma once

#include <engine/responders/jsonproblem.h>

#include <netcore/enums.h>

#include <QtCore/QByteArray>
#include <QtCore/QJsonValue>
#include <QtCore/QList>
#include <QtCore/QRegularExpression>
#include <QtCore/QStringList>

#include <optional>
#include <utility>

namespace wirebench {

class MessageFacts;

/**
 * The "when" of a rule and the "expect" of a scenario: every key given must
 * hold, and {} matches every message.
 *
 *     channel   the channel, exactly
 *     type      "binary", "text", "json" or "cbor"
 *     text      a regular expression searched in the text (anchor it with ^ $)
 *     json      {"/pointer": expected value, ...}
 *     hex       the payload starts with these bytes
 */
class MessageMatcher
{
public:
    /** The keys a matcher reads; a caller that allows more (a scenario step) checks the rest itself. */
    static const QStringList &keys();

    /** False, with @p problem (its path relative to @p when), for an unknown key or a bad value. */
    static bool parse(const QJsonValue &when, MessageMatcher *result, JsonProblem *problem);

    /** Whether @p message matches; @p groups gets the text expression's match ([0] whole, [1].. groups). */
    bool matches(const MessageFacts &message, QStringList *groups = nullptr) const;
    /** What it expects, in words: `channel "login", json /ok = true`; "any message" for {}. */
    QString describe() const;

private:
    std::optional<QString> m_channel;
    std::optional<netcore::MessageType> m_type;
    std::optional<QRegularExpression> m_text;
    QList<std::pair<QString, QJsonValue>> m_json; ///< pointer, expected value
    std::optional<QByteArray> m_hexPrefix;
};

} // namespace wirebench
