#pragma once

#include <QtCore/QString>
#include <QtCore/QStringList>

namespace wirebench {
struct LoadPlan;
struct LoadResult;
}

namespace wirebench::cli {

/**
 * `wirebench-cli bench HOST:PORT`: a load generator for echo servers, its
 * own or anyone's. N connections each keep W frames of the chosen codec in
 * flight for a duration; it reports echoed frames/s, MB/s of payload and
 * the round-trip latency (p50, p99, max), as text or one JSON line.
 */
class BenchCommand
{
public:
    static QString usage();

    /** Runs the whole measurement; returns the process exit code. */
    int run(const QStringList &arguments);

private:
    /** Fills @p plan from @p arguments; an exit code if they are bad (or --help), else -1. */
    int parse(const QStringList &arguments, LoadPlan *plan);
    void report(const LoadPlan &plan, const LoadResult &result) const;

    QString m_target;
    QString m_codecName;
    qsizetype m_payloadSize = 64;
    bool m_json = false;
};

} // namespace wirebench::cli
