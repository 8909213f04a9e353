#pragma once

#include <engine/payloadbuilder.h>
#include <engine/responders/templatetext.h>
#include <engine/savedpayload.h>

#include <netcore/message.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QMetaType>

namespace wirebench {

/**
 * A message to send as the user composed it, built anew for each message when its content holds
 * templates: the composer's payloads, a sequence's steps, a client's login.
 *
 *     {{seq}}          the send's number, given to render()
 *     {{now}}          ms since the epoch
 *     {{random:A-B}}   an integer from A to B, both included
 *
 * The templates are filled into the text first, then the text is built as PayloadBuilder does:
 * `{"n": {{seq}}}` is valid JSON once filled in. Placeholders that take something from a received
 * message or a connection ({{text}}, {{json:/a}}, {{peer}}, ...) are errors here: a send of its
 * own has neither (TemplateText::Scope::Send). Files and images are read once, with no templates.
 */
class ComposedPayload
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::ComposedPayload)

public:
    /** No message: render() gives an empty one. */
    ComposedPayload() = default;
    /** @p message as it is, with no templates. */
    explicit ComposedPayload(const netcore::Message &message);

    /**
     * Empty when @p content, its templates filled in, is a valid payload of @p kind, else why not,
     * for the user. Cheap enough for every keystroke (files are not read).
     */
    static QString validate(PayloadBuilder::Kind kind, const QString &content);
    /** The payload, or false with @p error set. Reads the file for file and image. */
    static bool compose(PayloadBuilder::Kind kind, const QString &content, const QString &channel, quint32 id,
                        ComposedPayload *result, QString *error);
    /** compose() of a saved payload; false, with @p error, for a kind PayloadBuilder does not know. */
    static bool compose(const SavedPayload &saved, ComposedPayload *result, QString *error);

    /** True when each message is built anew: the content has templates. */
    bool hasTemplates() const { return m_hasTemplates; }

    /**
     * The message numbered @p seq (what {{seq}} says), or false, with @p error set, when the filled-in
     * text is no valid payload ({{seq}} in hex digits can make an odd count of them).
     */
    bool render(qint64 seq, netcore::Message *message, QString *error) const;

private:
    netcore::Message m_message; ///< the message itself when it has no templates
    bool m_hasTemplates = false;
    PayloadBuilder::Kind m_kind = PayloadBuilder::Kind::Json;
    TemplateText m_template;
    QString m_channel;
    quint32 m_id = 0;
};

} // namespace wirebench

Q_DECLARE_METATYPE(wirebench::ComposedPayload)
