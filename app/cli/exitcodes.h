#pragma once

namespace wirebench::cli {

/** The process exit codes of wirebench-cli; scripts depend on them. */
enum ExitCode {
    ExitOk = 0,
    ExitFailure = 1,       ///< cannot connect, cannot listen, connection lost
    ExitBadArguments = 2,  ///< usage error (usage on stderr); run: an invalid scenario file
    ExitCheckFailed = 3,   ///< the run ended but failed its check: send got fewer than --expect in
                           ///< time; bench got replies other than what it sent; a run's step failed
};

} // namespace wirebench::cli
