#include "rulesresponder.h"

#include "messagefacts.h"
#include "responderoutlet.h"

#include <QtCore/QCoreApplication>

namespace wirebench {

RulesResponder::RulesResponder(RuleBook book) : m_book(std::move(book))
{
    // Rules that never ask for them answer with no lock and no lookup per message.
    for (const Rule &rule : m_book.rules()) {
        for (const ReplyTemplate &reply : rule.replies)
            m_countsMessages = m_countsMessages || reply.usesConnectionState();
    }
}

void RulesResponder::connected(ResponderOutlet &outlet, const netcore::ConnectionInfo &info)
{
    const QString peer = info.peerString();
    if (m_countsMessages) {
        QMutexLocker lock(&m_mutex);
        m_connections.insert(info.id, Connection{peer, 0});
    }
    if (m_book.greeting().isEmpty())
        return;
    TemplateContext context;
    context.connection = info.id;
    context.peer = peer;
    Messages messages;
    if (render(outlet, m_book.greeting(), context, -1, &messages))
        act(outlet, info.id, messages, Rule::Then::Nothing);
}

void RulesResponder::received(ResponderOutlet &outlet, quint64 connection, const netcore::MessageView &message)
{
    const MessageFacts facts(message);
    TemplateContext context;
    context.message = &facts;
    context.connection = connection;
    if (m_countsMessages) {
        QMutexLocker lock(&m_mutex);
        auto it = m_connections.find(connection);
        if (it == m_connections.end()) // opened before these rules took over: they count from here
            it = m_connections.insert(connection, Connection{outlet.peerOf(connection), 0});
        Connection &state = *it;
        context.seq = ++state.received;
        context.peer = state.peer;
    }
    const QList<Rule> &rules = m_book.rules();
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const Rule &rule = rules.at(i);
        if (!rule.when.matches(facts, &context.groups))
            continue;
        Messages messages;
        if (!render(outlet, rule.replies, context, i, &messages))
            return;
        if (rule.delayMsecs == 0) {
            act(outlet, connection, messages, rule.then);
        } else {
            ResponderOutlet *const target = &outlet;
            const Rule::Then then = rule.then;
            outlet.schedule(rule.delayMsecs, [target, connection, messages, then] { act(*target, connection, messages, then); });
        }
        return;
    }
}

void RulesResponder::disconnected(ResponderOutlet &, quint64 connection, const QString &)
{
    QMutexLocker lock(&m_mutex);
    m_connections.remove(connection);
}

bool RulesResponder::render(ResponderOutlet &outlet, const QList<ReplyTemplate> &replies, const TemplateContext &context,
                            qsizetype rule, Messages *messages)
{
    for (const ReplyTemplate &reply : replies) {
        netcore::Message message;
        QString error;
        if (!reply.render(context, &message, &error)) {
            const QString where = rule < 0 ? QStringLiteral("on_connect") : QStringLiteral("rules[%1]").arg(rule);
            outlet.fail(context.connection, QStringLiteral("RuleError"), QStringLiteral("%1: %2").arg(where, error));
            return false;
        }
        messages->append(message);
    }
    return true;
}

void RulesResponder::act(ResponderOutlet &outlet, quint64 connection, const Messages &messages,
                         Rule::Then then)
{
    for (const netcore::Message &message : messages)
        outlet.send(connection, message);
    if (then == Rule::Then::Close)
        outlet.close(connection);
    else if (then == Rule::Then::Reset)
        outlet.reset(connection);
}

} // namespace wirebench
