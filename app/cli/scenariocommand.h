#pragma once

#include <QtCore/QString>
#include <QtCore/QStringList>

namespace wirebench::cli {

/**
 * `wirebench-cli scenario RECORDING --connect HOST:PORT`: writes the
 * recording as a scenario in the `run` format on stdout
 * (RecordingScenario), for a person to edit into a test. Exits 0, or 2 for
 * bad options or a recording that does not read (its line on stderr).
 */
class ScenarioCommand
{
public:
    static QString usage();

    /** Converts; returns the process exit code. */
    int run(const QStringList &arguments);
};

} // namespace wirebench::cli
