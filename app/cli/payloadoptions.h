#pragma once

#include <app/cli/commandline.h>

namespace netcore {
class Message;
}

namespace wirebench::cli {

/**
 * The payload options of `send` (--text, --json, --hex, --file, --cbor):
 * each one becomes one message, in the order given, built by the engine's
 * PayloadBuilder as the desktop app's composer builds it.
 */
class PayloadOptions
{
public:
    static QList<OptionSpec> specs();
    static bool isPayloadOption(const QString &name);

    /**
     * The message that payload option @p name with @p value stands for, on
     * @p channel with @p id. False, with @p error set, if the value is
     * malformed: a bad escape, JSON that does not parse, odd or non-hex
     * digits, an unreadable file.
     */
    static bool toMessage(const QString &name, const QString &value, const QString &channel, quint32 id,
                          netcore::Message *message, QString *error);
};

} // namespace wirebench::cli
