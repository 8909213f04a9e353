#include "payloadoptions.h"

#include <engine/payloadbuilder.h>

#include <netcore/message.h>

#include <algorithm>

namespace wirebench::cli {

namespace {

/** Each payload option is one of the engine's payload kinds, typed on the command line. */
bool kindOf(const QString &option, PayloadBuilder::Kind *kind)
{
    using Kind = PayloadBuilder::Kind;
    static const QList<std::pair<QString, Kind>> kinds{
        {QStringLiteral("text"), Kind::Text}, {QStringLiteral("json"), Kind::Json},
        {QStringLiteral("hex"), Kind::Binary}, {QStringLiteral("file"), Kind::File},
        {QStringLiteral("cbor"), Kind::Cbor},
    };
    const auto it = std::find_if(kinds.cbegin(), kinds.cend(), [&option](const auto &entry) { return entry.first == option; });
    if (it == kinds.cend())
        return false;
    *kind = it->second;
    return true;
}

} // namespace

QList<OptionSpec> PayloadOptions::specs()
{
    return {
        {QStringLiteral("text"), QStringLiteral("S"),
         QStringLiteral("a text message; escapes \\n \\r \\t \\0 \\\\ \\xHH")},
        {QStringLiteral("json"), QStringLiteral("JSON"), QStringLiteral("a json message (an object or array)")},
        {QStringLiteral("hex"), QStringLiteral("HEX"), QStringLiteral("a binary message, e.g. \"00ff\" or \"00 ff\"")},
        {QStringLiteral("file"), QStringLiteral("PATH"), QStringLiteral("a binary message with the file's contents")},
        {QStringLiteral("cbor"), QStringLiteral("JSON"), QStringLiteral("a cbor message: any JSON value, converted")},
    };
}

bool PayloadOptions::isPayloadOption(const QString &name)
{
    PayloadBuilder::Kind kind;
    return kindOf(name, &kind);
}

bool PayloadOptions::toMessage(const QString &name, const QString &value, const QString &channel, quint32 id,
                               netcore::Message *message, QString *error)
{
    PayloadBuilder::Kind kind;
    if (!kindOf(name, &kind)) {
        *error = QStringLiteral("--%1 is not a payload option").arg(name);
        return false;
    }
    QString why;
    if (!PayloadBuilder::build(kind, value, channel, id, message, &why)) {
        *error = QStringLiteral("--%1: %2").arg(name, why);
        return false;
    }
    return true;
}

} // namespace wirebench::cli
