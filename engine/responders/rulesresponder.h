#pragma once

#include <engine/responders/responder.h>
#include <engine/responders/rulebook.h>

#include <QtCore/QHash>
#include <QtCore/QMutex>
#include <QtCore/QVarLengthArray>

namespace wirebench {

struct TemplateContext;

/**
 * Answers by a RuleBook: greets each connection with its on_connect
 * replies, and answers each message by the first rule that matches.
 * Counts each connection's messages for {{seq}}. A reply whose templates
 * give something that cannot be sent (a hex that is not hex) is reported
 * as a RuleError and the rest of that rule's replies are not sent.
 */
class RulesResponder : public Responder
{
public:
    explicit RulesResponder(RuleBook book);

    const RuleBook &book() const { return m_book; }

    void connected(ResponderOutlet &outlet, const netcore::ConnectionInfo &info) override;
    void received(ResponderOutlet &outlet, quint64 connection, const netcore::MessageView &message) override;
    void disconnected(ResponderOutlet &outlet, quint64 connection, const QString &reason) override;

private:
    struct Connection
    {
        QString peer;
        qint64 received = 0;
    };

    using Messages = QVarLengthArray<netcore::Message, 2>;

    /** Renders every reply; false (after reporting, @p rule -1 for on_connect) if one cannot be made. */
    static bool render(ResponderOutlet &outlet, const QList<ReplyTemplate> &replies, const TemplateContext &context,
                       qsizetype rule, Messages *messages);
    static void act(ResponderOutlet &outlet, quint64 connection, const Messages &messages, Rule::Then then);

    const RuleBook m_book;
    bool m_countsMessages = false; ///< a reply uses {{seq}} or {{peer}}: keep them per connection
    QMutex m_mutex; ///< guards m_connections: several I/O threads may answer at once
    QHash<quint64, Connection> m_connections;
};

} // namespace wirebench
