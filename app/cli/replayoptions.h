#pragma once

#include <app/cli/commandline.h>

#include <engine/recording/conversationcomparer.h>

namespace wirebench::cli {

/**
 * The options replay and diff share: how fast (--speed) and what a
 * comparison leaves out (--ignore, --ignore-channel, --unordered). The
 * one place they are declared and read.
 */
class ReplayOptions
{
public:
    /** --speed N|max. */
    static OptionSpec speedSpec();
    /** --ignore, --ignore-channel and --unordered, with their help. */
    static QList<OptionSpec> compareSpecs();

    /** --speed: 0 for "max"; 1 if not given. False, with @p error, for what is neither max nor a number > 0. */
    static bool speed(const CommandLine &commandLine, double *speed, QString *error);
    /** The comparison the options ask for; false, with @p error, for a pointer that is not one. */
    static bool compare(const CommandLine &commandLine, CompareOptions *options, QString *error);
};

} // namespace wirebench::cli
