#include "composedpayload.h"

namespace wirebench {

using Kind = PayloadBuilder::Kind;

namespace {

bool mayHaveTemplates(Kind kind) { return kind != Kind::File && kind != Kind::Image; }

/** A sample of what the template fills in: enough to tell whether the filled-in text is valid. */
TemplateContext sampleContext()
{
    TemplateContext context;
    context.seq = 1;
    return context;
}

} // namespace

ComposedPayload::ComposedPayload(const netcore::Message &message) : m_message(message) {}

QString ComposedPayload::validate(Kind kind, const QString &content)
{
    if (!mayHaveTemplates(kind) || !TemplateText::hasPlaceholders(content))
        return PayloadBuilder::validate(kind, content);
    TemplateText parsed;
    QString why;
    if (!TemplateText::parse(content, &parsed, &why, TemplateText::Scope::Send))
        return why;
    why = PayloadBuilder::validate(kind, parsed.render(sampleContext()));
    return why.isEmpty() ? QString() : tr("With the templates filled in: %1").arg(why);
}

bool ComposedPayload::compose(Kind kind, const QString &content, const QString &channel, quint32 id,
                              ComposedPayload *result, QString *error)
{
    if (!mayHaveTemplates(kind) || !TemplateText::hasPlaceholders(content)) {
        netcore::Message message;
        if (!PayloadBuilder::build(kind, content, channel, id, &message, error))
            return false;
        *result = ComposedPayload(message);
        return true;
    }
    const QString why = validate(kind, content);
    if (!why.isEmpty()) {
        *error = why;
        return false;
    }
    ComposedPayload composed;
    TemplateText::parse(content, &composed.m_template, error, TemplateText::Scope::Send);
    composed.m_hasTemplates = true;
    composed.m_kind = kind;
    composed.m_channel = channel;
    composed.m_id = id;
    *result = composed;
    return true;
}

bool ComposedPayload::compose(const SavedPayload &saved, ComposedPayload *result, QString *error)
{
    Kind kind = Kind::Json;
    if (!PayloadBuilder::parseKindName(saved.kind, &kind)) {
        *error = tr("Unknown payload kind \"%1\"").arg(saved.kind);
        return false;
    }
    return compose(kind, saved.content, saved.channel, saved.id, result, error);
}

bool ComposedPayload::render(qint64 seq, netcore::Message *message, QString *error) const
{
    if (!m_hasTemplates) {
        *message = m_message;
        return true;
    }
    TemplateContext context;
    context.seq = seq;
    QString why;
    if (PayloadBuilder::build(m_kind, m_template.render(context), m_channel, m_id, message, &why))
        return true;
    *error = tr("with the templates filled in: %1").arg(why);
    return false;
}

} // namespace wirebench
