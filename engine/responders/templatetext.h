#pragma once

#include <QtCore/QJsonValue>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <algorithm>

namespace wirebench {

class MessageFacts;

/** What the placeholders of a template are filled from; what is missing renders as "". */
struct TemplateContext
{
    const MessageFacts *message = nullptr; ///< the message being answered or matched; none for a greeting or a send
    QStringList groups;                    ///< the rule's regular expression match: [0] the whole, [1].. the groups
    quint64 connection = 0;
    QString peer;                          ///< "HOST:PORT"
    qint64 seq = 0;                        ///< messages received on this connection (rules), sends of this client (scenarios), a send's number (composer, logins)
};

/**
 * A string with placeholders, parsed once and rendered per message:
 *
 *     {{1}}..{{9}}      a group of the rule's regular expression
 *     {{json:/ptr}}     a value in the message's JSON (a string as it is, anything else as JSON text)
 *     {{channel}} {{id}} {{text}} {{hex}}   of the message
 *     {{conn}} {{peer}} {{seq}}             of the connection
 *     {{now}}           ms since the epoch
 *     {{random:A-B}}    an integer from A to B, both included
 *
 * "{{" that does not open one of these is an error, so a typo is reported
 * when the file is read instead of sent to a peer.
 */
class TemplateText
{
public:
    /**
     * What the text is filled from. A reply has a message and a connection; a send of its own
     * (the composer's, a client's login) has neither, so there only {{seq}}, {{now}} and
     * {{random:A-B}} mean something and the others are errors.
     */
    enum class Scope { Reply, Send };

    TemplateText() = default;

    /** False, with @p error saying which placeholder is wrong, if @p text has one that is not known in @p scope. */
    static bool parse(const QString &text, TemplateText *result, QString *error, Scope scope = Scope::Reply);
    /** True for a text with at least one placeholder. */
    static bool hasPlaceholders(const QString &text);

    /** A text with no placeholders: @p text as it is, braces and all. */
    static TemplateText literal(const QString &text);

    QString render(const TemplateContext &context) const;
    /** No placeholders: render() is the text itself. */
    bool isPlain() const { return m_pieces.size() == 1 && m_pieces.first().kind == Kind::Literal; }
    /**
     * When the whole text is one {{json:/ptr}}: the value it names, typed (so a number stays a
     * number inside a JSON reply); undefined otherwise or when the message has no such value.
     */
    QJsonValue renderTypedJson(const TemplateContext &context) const;
    /** The whole text is {{hex}}: a reply may then take the payload's bytes as they are. */
    bool isWholeHex() const { return m_pieces.size() == 1 && m_pieces.first().kind == Kind::Hex; }
    /** The whole text is {{text}}. */
    bool isWholeText() const { return m_pieces.size() == 1 && m_pieces.first().kind == Kind::Text; }
    /** Whether it needs what a responder keeps per connection: {{seq}} or {{peer}}. */
    bool usesConnectionState() const
    {
        return std::any_of(m_pieces.cbegin(), m_pieces.cend(),
                           [](const Piece &piece) { return piece.kind == Kind::Seq || piece.kind == Kind::Peer; });
    }

private:
    enum class Kind { Literal, Group, Json, Channel, Id, Text, Hex, Connection, Peer, Seq, Now, Random };
    struct Piece
    {
        Kind kind = Kind::Literal;
        QString literal; ///< the text, or a json pointer
        qint64 low = 0;  ///< group number, or random's range
        qint64 high = 0;
    };

    static bool parsePlaceholder(const QString &name, Scope scope, Piece *piece, QString *error);
    /** False, with @p error, if @p piece needs what @p scope does not have. */
    static bool checkScope(const QString &name, const Piece &piece, Scope scope, QString *error);
    QString renderPiece(const Piece &piece, const TemplateContext &context) const;

    QList<Piece> m_pieces{Piece()};
};

} // namespace wirebench
