#pragma once

#include <QtCore/QObject>

namespace wirebench {
struct ComparisonResult;
}

namespace wirebench::cli {

/**
 * `wirebench-cli replay FILE --to HOST:PORT`: plays a recording's client
 * side against a server (ReplayClient), prints each difference from the
 * recording as a readable block and a summary, and exits 0 when nothing
 * differs, 3 when something does, 1 when it cannot connect, 2 for a bad
 * file or options. `--as-server` hands over to ReplayServerCommand.
 */
class ReplayCommand : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ReplayCommand)

public:
    explicit ReplayCommand(QObject *parent = nullptr);
    ~ReplayCommand() override;

    static QString usage();
    int run(const QStringList &arguments);

    /** Prints @p result's differences and summary on stdout; the exit code they make (0 or 3). */
    static int printResult(const ComparisonResult &result);
};

} // namespace wirebench::cli
