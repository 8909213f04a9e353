#include "messagematcher.h"

#include "jsonpointer.h"
#include "messagefacts.h"
#include "spacedhex.h"

#include <engine/compactjson.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonObject>

namespace wirebench {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("wirebench::MessageMatcher", text);
}

} // namespace

const QStringList &MessageMatcher::keys()
{
    static const QStringList names{QStringLiteral("channel"), QStringLiteral("type"), QStringLiteral("text"),
                                   QStringLiteral("json"), QStringLiteral("hex")};
    return names;
}

bool MessageMatcher::parse(const QJsonValue &when, MessageMatcher *result, JsonProblem *problem)
{
    if (!when.isObject()) {
        *problem = {{}, tr("a match is an object such as {\"channel\": \"login\", \"text\": \"^PING\"}; {} matches every message")};
        return false;
    }
    MessageMatcher matcher;
    const QJsonObject object = when.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        const QString path = JsonProblem::key(key);
        const QJsonValue value = it.value();
        if (key == QLatin1String("channel")) {
            if (!value.isString()) {
                *problem = {path, tr("\"channel\" must be a string")};
                return false;
            }
            matcher.m_channel = value.toString();
        } else if (key == QLatin1String("type")) {
            static const QStringList types{QStringLiteral("binary"), QStringLiteral("text"), QStringLiteral("json"),
                                           QStringLiteral("cbor")};
            if (!types.contains(value.toString())) {
                *problem = {path, tr("\"type\" must be \"binary\", \"text\", \"json\" or \"cbor\"")};
                return false;
            }
            matcher.m_type = netcore::MessageType(types.indexOf(value.toString()));
        } else if (key == QLatin1String("text")) {
            QRegularExpression expression(value.toString());
            if (!value.isString() || !expression.isValid()) {
                *problem = {path, value.isString() ? tr("\"%1\" is not a regular expression: %2 at offset %3")
                                                         .arg(value.toString(), expression.errorString())
                                                         .arg(expression.patternErrorOffset())
                                                   : tr("\"text\" must be a regular expression, as a string")};
                return false;
            }
            expression.optimize();
            matcher.m_text = expression;
        } else if (key == QLatin1String("json")) {
            if (!value.isObject()) {
                *problem = {path, tr("\"json\" maps JSON Pointers to the values expected there: {\"/user\": \"alice\"}")};
                return false;
            }
            const QJsonObject expected = value.toObject();
            for (auto entry = expected.begin(); entry != expected.end(); ++entry) {
                const QString why = JsonPointer::validate(entry.key());
                if (!why.isEmpty()) {
                    *problem = {path + JsonProblem::key(entry.key()), why};
                    return false;
                }
                matcher.m_json.append({entry.key(), entry.value()});
            }
        } else if (key == QLatin1String("hex")) {
            QByteArray prefix;
            if (!value.isString() || !parseSpacedHex(value.toString(), &prefix)) {
                *problem = {path, tr("\"hex\" must be bytes in hex, pairs of 0-9 a-f: \"0102\"")};
                return false;
            }
            matcher.m_hexPrefix = prefix;
        } else {
            *problem = {path, tr("unknown match key \"%1\": a match has \"channel\", \"type\", \"text\", \"json\" and \"hex\"")
                                  .arg(key)};
            return false;
        }
    }
    *result = matcher;
    return true;
}

bool MessageMatcher::matches(const MessageFacts &message, QStringList *groups) const
{
    if (m_type && message.type() != *m_type)
        return false;
    if (m_channel && message.channel() != *m_channel)
        return false;
    if (m_hexPrefix && !message.payload().startsWith(*m_hexPrefix))
        return false;
    for (const auto &[pointer, expected] : m_json) {
        QJsonValue actual;
        if (!message.hasJson() || !JsonPointer::resolve(message.json(), pointer, &actual) || actual != expected)
            return false;
    }
    if (m_text) {
        if (!message.hasText())
            return false;
        const QRegularExpressionMatch match = m_text->match(message.text());
        if (!match.hasMatch())
            return false;
        if (groups)
            *groups = match.capturedTexts();
    }
    return true;
}

QString MessageMatcher::describe() const
{
    QStringList parts;
    if (m_channel)
        parts << tr("channel \"%1\"").arg(*m_channel);
    if (m_type)
        parts << tr("type %1").arg(netcore::messageTypeName(*m_type));
    if (m_text)
        parts << tr("text matching /%1/").arg(m_text->pattern());
    for (const auto &[pointer, expected] : m_json)
        parts << tr("json %1 = %2").arg(pointer.isEmpty() ? QStringLiteral("\"\"") : pointer, compactJson(expected));
    if (m_hexPrefix)
        parts << tr("payload starting %1").arg(QString::fromLatin1(m_hexPrefix->toHex()));
    return parts.isEmpty() ? tr("any message") : parts.join(QLatin1String(", "));
}

} // namespace wirebench
