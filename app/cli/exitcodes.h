#pragma once

namespace wirebench::cli {

/** The process exit codes of wirebench-cli; scripts depend on them. */
enum ExitCode {
    ExitOk = 0,
    ExitFailure = 1,       ///< cannot connect, cannot listen, connection lost
    ExitBadArguments = 2,  ///< usage error; usage on stderr
    ExitTimeout = 3,       ///< send: fewer messages than --expect arrived in time
};

} // namespace wirebench::cli
