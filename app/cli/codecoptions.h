#pragma once

#include <app/cli/commandline.h>

#include <netcore/codecconfig.h>

namespace wirebench::cli {

/**
 * The codec flags shared by every command that opens connections (serve,
 * send, bench): the one place they are declared and turned into a
 * netcore::CodecConfig.
 */
class CodecOptions
{
public:
    /** --codec, --length-bytes, ..., --max-frame, with their help. */
    static QList<OptionSpec> specs();

    /**
     * The configuration @p commandLine asks for: the named codec (or preset)
     * with the given flags on top, validated. False, with @p error set, if a
     * value is malformed, a flag does not apply to the codec, or
     * CodecConfig::validate() rejects the result.
     */
    static bool toConfig(const CommandLine &commandLine, netcore::CodecConfig *config, QString *error);
};

} // namespace wirebench::cli
