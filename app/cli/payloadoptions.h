#pragma once

#include "commandline.h"

namespace netcore {
class Message;
}

/**
 * The payload options of `send` (--text, --json, --hex, --file, --cbor):
 * each one becomes one message, in the order given.
 */
class PayloadOptions
{
public:
    static QList<OptionSpec> specs();
    static bool isPayloadOption(const QString &name);

    /**
     * The message that payload option @p name with @p value stands for (on
     * the default channel, id 0). False, with @p error set, if the value is
     * malformed: a bad escape, JSON that does not parse, odd or non-hex
     * digits, an unreadable file.
     */
    static bool toMessage(const QString &name, const QString &value, netcore::Message *message, QString *error);
};
