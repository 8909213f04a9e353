#pragma once

#include <netcore/message.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

namespace wirebench {

/**
 * A received message in one short line, for a failure that says what came
 * instead: `json #login {"ok":false}`, `text "ping 2"`,
 * `binary 00 ff 10 (3 bytes)`. Long payloads are cut.
 */
class MessageBrief
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::MessageBrief)

public:
    /** Characters of text, or bytes of hex, shown before the cut. */
    static constexpr int previewLimit = 120;

    static QString describe(const netcore::Message &message);
};

} // namespace wirebench
