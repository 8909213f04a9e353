#pragma once

#include <netcore/codecconfig.h>
#include <netcore/message.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonObject>
#include <QtCore/QStringList>

namespace wirebench {

/**
 * What a scenario step makes of one recorded message: the reply a client
 * sends (ReplyTemplate) or the match it expects (MessageMatcher), written
 * so that a person can read and edit it:
 *
 *     sent     text   {"text": "hello"}
 *              json   {"json": {"user": "alice"}}
 *              cbor   {"cbor": {"n": 1}}          when JSON carries it back byte for byte
 *              else   {"hex": "0102"}
 *     expected json, cbor   {"type": "json", "json": {"/user": "alice", "/items/0/n": 1}}
 *              text         {"type": "text", "text": "^PONG 1$"}
 *              binary       {"type": "binary", "hex": "0304"}
 *
 * "channel" (and a send's "id") only for a codec that carries them.
 */
class MessageStep
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::MessageStep)

public:
    /**
     * The "send" of @p message over @p codec. A payload a send cannot carry as it is (a text
     * with "{{", which a send reads as a placeholder; CBOR that JSON does not give back exactly)
     * goes as hex, and @p note says so; otherwise @p note is left alone.
     */
    static QJsonObject send(const netcore::Message &message, const netcore::CodecConfig &codec, QString *note);

    /**
     * The "expect" of @p message, as a client of @p codec receives it: every value of a json or
     * cbor payload by its pointer, except those under @p ignorePointers (PointerMask's, "*"
     * steps included); the whole text, anchored; or the whole payload in hex.
     */
    static QJsonObject expect(const netcore::Message &message, const netcore::CodecConfig &codec,
                              const QStringList &ignorePointers);

    /**
     * The type a client of @p codec sees for a message recorded as @p recorded: the envelope
     * carries types; length and line type every frame by their "payload"; raw is all binary.
     */
    static netcore::MessageType receivedType(netcore::MessageType recorded, const netcore::CodecConfig &codec);

    /** @p text as a regular expression that matches it alone: ^ and $ around, metacharacters escaped. */
    static QString exactExpression(const QString &text);
};

} // namespace wirebench
