#include "replytemplate.h"

#include "messagefacts.h"
#include "spacedhex.h"

#include <QtCore/QCborValue>
#include <QtCore/QCoreApplication>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <limits>

namespace wirebench {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("wirebench::ReplyTemplate", text);
}

const QStringList &payloadKeys()
{
    static const QStringList keys{QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("hex"),
                                  QStringLiteral("cbor")};
    return keys;
}

bool isValidId(double number)
{
    return number >= 0 && number <= double(std::numeric_limits<quint32>::max()) && number == double(qint64(number));
}

} // namespace

bool ReplyTemplate::parse(const QJsonValue &reply, ReplyTemplate *result, JsonProblem *problem, Strings strings)
{
    if (!reply.isObject()) {
        *problem = {{}, tr("a reply is an object: {\"channel\"?, \"id\"?, and one of \"text\", \"json\", \"hex\", \"cbor\"}")};
        return false;
    }
    const QJsonObject object = reply.toObject();
    ReplyTemplate parsed;
    QStringList payloads;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        const auto path = [&key] { return JsonProblem::key(key); }; // made only for a problem: a script's replies come per message
        const QJsonValue value = it.value();
        if (key == QLatin1String("channel")) {
            if (!value.isString()) {
                *problem = {path(), tr("\"channel\" must be a string")};
                return false;
            }
            parsed.m_hasChannel = true;
            parsed.m_channel = value.toString();
        } else if (key == QLatin1String("id")) {
            if (!(value.isDouble() && isValidId(value.toDouble())) && !(value.isString() && strings == Strings::Templates)) {
                *problem = {path(), tr("\"id\" must be an integer from 0 to 4294967295")};
                return false;
            }
            parsed.m_id = value;
        } else if (payloadKeys().contains(key)) {
            payloads.append(key);
            parsed.m_payload = Payload(payloadKeys().indexOf(key));
            parsed.m_body = value;
            if ((parsed.m_payload == Payload::Text || parsed.m_payload == Payload::Hex) && !value.isString()) {
                *problem = {path(), tr("\"%1\" must be a string").arg(key)};
                return false;
            }
            if (parsed.m_payload == Payload::Json && !value.isObject() && !value.isArray()) {
                *problem = {path(), tr("\"json\" must be an object or an array (what a json message holds)")};
                return false;
            }
        } else {
            *problem = {path(), tr("unknown reply key \"%1\": a reply has \"channel\", \"id\" and one of \"text\", "
                                 "\"json\", \"hex\", \"cbor\"")
                                  .arg(key)};
            return false;
        }
    }
    if (payloads.size() != 1) {
        *problem = {{}, payloads.isEmpty()
                            ? tr("a reply needs one of \"text\", \"json\", \"hex\" or \"cbor\"")
                            : tr("a reply has exactly one payload key, this one has %1").arg(payloads.join(QLatin1String(", ")))};
        return false;
    }
    if (strings == Strings::Templates) {
        if (!parseStrings(object, {}, &parsed.m_templates, problem))
            return false;
    }
    // The strings every reply renders are looked up once, here, not per message.
    const auto textOf = [&parsed](const QString &text) {
        return parsed.m_templates.value(text, TemplateText::literal(text));
    };
    parsed.m_channelText = textOf(parsed.m_channel);
    if (parsed.m_id.isString())
        parsed.m_idText = textOf(parsed.m_id.toString());
    if (parsed.m_payload == Payload::Text || parsed.m_payload == Payload::Hex)
        parsed.m_bodyText = textOf(parsed.m_body.toString());
    if (parsed.m_payload == Payload::Hex && !parsed.m_templates.contains(parsed.m_body.toString())) {
        QByteArray bytes;
        if (!parseSpacedHex(parsed.m_body.toString(), &bytes)) {
            *problem = {JsonProblem::key(QStringLiteral("hex")), tr("\"%1\" is not hex: pairs of 0-9 a-f").arg(parsed.m_body.toString())};
            return false;
        }
    }
    *result = parsed;
    return true;
}

bool ReplyTemplate::toMessage(const QJsonValue &reply, const netcore::Message &answering, netcore::Message *message,
                              QString *error)
{
    ReplyTemplate parsed;
    JsonProblem problem;
    if (!parse(reply, &parsed, &problem, Strings::Literal)) {
        *error = problem.path.isEmpty() ? problem.message : QStringLiteral("%1: %2").arg(problem.path, problem.message);
        return false;
    }
    const MessageFacts facts(answering);
    TemplateContext context;
    context.message = &facts;
    return parsed.render(context, message, error);
}

bool ReplyTemplate::usesConnectionState() const
{
    return std::any_of(m_templates.cbegin(), m_templates.cend(),
                       [](const TemplateText &text) { return text.usesConnectionState(); });
}

bool ReplyTemplate::parseStrings(const QJsonValue &value, const QString &path, QHash<QString, TemplateText> *templates,
                                 JsonProblem *problem)
{
    if (value.isString()) {
        const QString text = value.toString();
        if (!TemplateText::hasPlaceholders(text) || templates->contains(text))
            return true;
        TemplateText parsed;
        QString why;
        if (!TemplateText::parse(text, &parsed, &why)) {
            *problem = {path, why};
            return false;
        }
        templates->insert(text, parsed);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!parseStrings(it.value(), path + JsonProblem::key(it.key()), templates, problem))
                return false;
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!parseStrings(array.at(i), path + JsonProblem::index(i), templates, problem))
                return false;
        }
    }
    return true;
}

QJsonValue ReplyTemplate::renderJson(const QJsonValue &value, const TemplateContext &context) const
{
    if (value.isString()) {
        const auto it = m_templates.constFind(value.toString());
        if (it == m_templates.cend())
            return value;
        const QJsonValue typed = it->renderTypedJson(context);
        return typed.isUndefined() ? QJsonValue(it->render(context)) : typed;
    }
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = renderJson(it.value(), context);
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            array[i] = renderJson(array.at(i), context);
        return array;
    }
    return value;
}

bool ReplyTemplate::render(const TemplateContext &context, netcore::Message *message, QString *error) const
{
    const MessageFacts *answering = context.message;
    netcore::Message reply;
    reply.setChannel(m_hasChannel ? m_channelText.render(context) : answering ? answering->channel() : QString());
    if (m_id.isUndefined()) {
        reply.setId(answering ? answering->id() : 0);
    } else if (m_id.isDouble()) {
        reply.setId(quint32(m_id.toDouble()));
    } else {
        const QString rendered = m_idText.render(context);
        bool ok = false;
        const qlonglong id = rendered.toLongLong(&ok);
        if (!ok || !isValidId(double(id))) {
            *error = tr("the id \"%1\" is not an integer from 0 to 4294967295").arg(rendered);
            return false;
        }
        reply.setId(quint32(id));
    }
    switch (m_payload) {
    case Payload::Text:
        reply.setType(netcore::MessageType::Text);
        reply.setPayload(m_bodyText.render(context).toUtf8());
        break;
    case Payload::Hex: {
        reply.setType(netcore::MessageType::Binary);
        if (m_bodyText.isWholeHex() && answering) {
            // {{hex}} alone: the answered payload as it is, without a trip through hex digits
            reply.setPayload(QByteArray(answering->payload().data(), answering->payload().size()));
            break;
        }
        const QString rendered = m_bodyText.render(context);
        QByteArray bytes;
        if (!parseSpacedHex(rendered, &bytes)) {
            *error = tr("the hex reply \"%1\" is not hex: pairs of 0-9 a-f").arg(rendered.left(200));
            return false;
        }
        reply.setPayload(bytes);
        break;
    }
    case Payload::Json: {
        reply.setType(netcore::MessageType::Json);
        const QJsonValue body = renderJson(m_body, context);
        const QJsonDocument document = body.isObject() ? QJsonDocument(body.toObject()) : QJsonDocument(body.toArray());
        reply.setPayload(document.toJson(QJsonDocument::Compact));
        break;
    }
    case Payload::Cbor:
        reply.setType(netcore::MessageType::Cbor);
        reply.setPayload(QCborValue::fromJsonValue(renderJson(m_body, context)).toCbor());
        break;
    }
    *message = reply;
    return true;
}

} // namespace wirebench
