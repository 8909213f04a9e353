#pragma once

#include <QtCore/QStringList>

namespace wirebench::cli {

/**
 * `wirebench-cli diff A B`: compares two recordings conversation by
 * conversation (in the order they began), both directions, as replay
 * compares; prints the differences and a summary; exits 0 when there are
 * none, 3 when there are, 2 for a bad file or options.
 */
class DiffCommand
{
public:
    static QString usage();
    int run(const QStringList &arguments);
};

} // namespace wirebench::cli
