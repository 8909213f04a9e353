#include "codecoptions.h"

#include <engine/codecparameters.h>

using netcore::CodecConfig;
using wirebench::CodecParameters;

namespace wirebench::cli {

QList<OptionSpec> CodecOptions::specs()
{
    return {
        {QStringLiteral("codec"), QStringLiteral("NAME"),
         QStringLiteral("envelope (default), length, line, raw or python-comms")},
        {QStringLiteral("length-bytes"), QStringLiteral("N"),
         QStringLiteral("length: size of the length field, 1, 2, 3, 4 or 8 (default 4)")},
        {QStringLiteral("length-offset"), QStringLiteral("N"),
         QStringLiteral("length: bytes before the length field (default 0)")},
        {QStringLiteral("length-adjust"), QStringLiteral("N"),
         QStringLiteral("length: added to the field's value (default 0)")},
        {QStringLiteral("strip"), QStringLiteral("N"),
         QStringLiteral("length: bytes stripped from each frame (default: the header)")},
        {QStringLiteral("byte-order"), QStringLiteral("ORDER"),
         QStringLiteral("length: big (default) or little")},
        {QStringLiteral("payload"), QStringLiteral("TYPE"),
         QStringLiteral("length, line: received frames are binary, text or json")},
        {QStringLiteral("delimiter"), QStringLiteral("ESC"),
         QStringLiteral("line: the delimiter, with escapes like \\r\\n (default \\n)")},
        {QStringLiteral("max-frame"), QStringLiteral("BYTES"),
         QStringLiteral("the largest frame (or line) accepted (default 16 MiB, line 64 KiB)")},
    };
}

bool CodecOptions::toConfig(const CommandLine &commandLine, CodecConfig *config, QString *error)
{
    QHash<QString, QString> values;
    for (const OptionSpec &spec : specs()) {
        if (commandLine.isSet(spec.name))
            values.insert(spec.name, commandLine.value(spec.name));
    }
    CodecParameters::Problem problem;
    if (!CodecParameters::toConfig(values, CodecParameters::Naming::Flags, config, &problem)) {
        *error = problem.message;
        return false;
    }
    return true;
}

} // namespace wirebench::cli
