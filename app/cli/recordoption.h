#pragma once

#include <app/cli/commandline.h>

#include <netcore/codecconfig.h>

#include <memory>

namespace wirebench {
class Recorder;
}

namespace wirebench::cli {

/**
 * `--record FILE`, the same on serve, send, proxy and run: the
 * conversation goes to FILE as a recording (docs/recording.md) while it
 * happens, and is flushed at exit.
 */
class RecordOption
{
public:
    static OptionSpec spec();

    /**
     * A recorder writing to the file --record names, @p recorderName in its header (null if
     * --record was not given). False, with @p error, if the file cannot be created.
     */
    static bool start(const CommandLine &commandLine, const netcore::CodecConfig &codec, const QString &recorderName,
                      std::unique_ptr<Recorder> *recorder, QString *error);
    /**
     * Writes what is left of @p recorder's file (none: nothing to do). Returns @p exitCode, or,
     * when a write failed (said on stderr), ExitFailure if @p exitCode was success.
     */
    static int finish(Recorder *recorder, int exitCode);
};

} // namespace wirebench::cli
