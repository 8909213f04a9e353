#pragma once

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace wirebench::cli {

/** One `--name [VALUE]` option a command understands. */
struct OptionSpec
{
    QString name;       ///< without the leading "--"
    QString valueName;  ///< empty for a flag
    QString help;

    bool takesValue() const { return !valueName.isEmpty(); }
};

/**
 * The arguments of one command, parsed by hand because the order of
 * different options matters (send's payloads go out in the order given),
 * which QCommandLineParser does not keep.
 *
 * Accepts `--name value` and `--name=value`. A value is always the next
 * argument, even if it starts with a dash (`--length-adjust -2`). `--`
 * ends the options.
 */
class CommandLine
{
public:
    struct Entry
    {
        QString name;
        QString value;
    };

    /** False, with @p error set, on an unknown option or a missing value. */
    bool parse(const QStringList &arguments, const QList<OptionSpec> &specs, QString *error);

    bool isSet(const QString &name) const;
    /** The last value given for @p name, or @p fallback. */
    QString value(const QString &name, const QString &fallback = {}) const;
    /**
     * Reads integer option @p name into @p out if it was given (else leaves
     * @p out alone). False, with @p error set, if it is not an integer in
     * [@p min, @p max].
     */
    bool integer(const QString &name, qint64 min, qint64 max, qint64 *out, QString *error) const;
    /** Every option, in the order given. */
    const QList<Entry> &entries() const { return m_entries; }
    const QStringList &positional() const { return m_positional; }

    /** The option list of a usage text, one aligned line per option. */
    static QString describe(const QList<OptionSpec> &specs);

    /** Prints "wirebench-cli: @p message" on stderr. */
    static void printError(const QString &message);
    /** Prints @p usage on stdout (asked-for help); returns ExitOk. */
    static int printHelp(const QString &usage);
    /** Prints @p error and @p usage on stderr; returns ExitBadArguments. */
    static int usageError(const QString &error, const QString &usage);

private:
    QList<Entry> m_entries;
    QStringList m_positional;
};

} // namespace wirebench::cli
