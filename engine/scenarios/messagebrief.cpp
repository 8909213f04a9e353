#include "messagebrief.h"

#include <netcore/escapes.h>

namespace wirebench {

QString MessageBrief::describe(const netcore::Message &message)
{
    QString brief = netcore::messageTypeName(message.type());
    if (!message.channel().isEmpty())
        brief += QStringLiteral(" #") + message.channel();
    if (message.id() != 0)
        brief += QStringLiteral(" id=%1").arg(message.id());

    const QByteArray &payload = message.payload();
    const bool readable = message.type() == netcore::MessageType::Text || message.type() == netcore::MessageType::Json;
    if (readable) {
        // Escaped, so a control byte or a newline cannot break the report's line.
        QString text = netcore::escape(payload);
        if (text.size() > previewLimit)
            text = text.left(previewLimit) + tr("... (%1 bytes)").arg(payload.size());
        return brief + (message.type() == netcore::MessageType::Text ? QStringLiteral(" \"%1\"").arg(text)
                                                                      : QLatin1Char(' ') + text);
    }
    QString hex = QString::fromLatin1(payload.left(previewLimit / 3).toHex(' '));
    if (payload.size() > previewLimit / 3)
        hex += QStringLiteral(" ...");
    if (payload.isEmpty())
        return brief + tr(" (0 bytes)");
    return brief + (payload.size() == 1 ? tr(" %1 (1 byte)").arg(hex) : tr(" %1 (%2 bytes)").arg(hex).arg(payload.size()));
}

} // namespace wirebench
