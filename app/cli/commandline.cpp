#include "commandline.h"

#include <app/cli/exitcodes.h>

#include <algorithm>
#include <cstdio>

namespace wirebench::cli {

namespace {

const OptionSpec *findSpec(const QList<OptionSpec> &specs, const QString &name)
{
    const auto it = std::find_if(specs.cbegin(), specs.cend(),
                                 [&name](const OptionSpec &spec) { return spec.name == name; });
    return it == specs.cend() ? nullptr : &*it;
}

QString synopsis(const OptionSpec &spec)
{
    return spec.takesValue() ? QStringLiteral("--%1 %2").arg(spec.name, spec.valueName)
                             : QStringLiteral("--%1").arg(spec.name);
}

} // namespace

bool CommandLine::parse(const QStringList &arguments, const QList<OptionSpec> &specs, QString *error)
{
    m_entries.clear();
    m_positional.clear();
    bool optionsEnded = false;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (optionsEnded || !argument.startsWith(QLatin1Char('-')) || argument == QLatin1String("-")) {
            m_positional.append(argument);
            continue;
        }
        if (argument == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        if (argument == QLatin1String("-h")) {
            m_entries.append({QStringLiteral("help"), {}});
            continue;
        }
        if (!argument.startsWith(QLatin1String("--"))) {
            *error = QStringLiteral("unknown option %1").arg(argument);
            return false;
        }
        const int equals = argument.indexOf(QLatin1Char('='));
        const QString name = argument.mid(2, equals < 0 ? -1 : equals - 2);
        const OptionSpec *spec = findSpec(specs, name);
        if (!spec) {
            *error = QStringLiteral("unknown option --%1").arg(name);
            return false;
        }
        if (!spec->takesValue()) {
            if (equals >= 0) {
                *error = QStringLiteral("--%1 takes no value").arg(name);
                return false;
            }
            m_entries.append({name, {}});
        } else if (equals >= 0) {
            m_entries.append({name, argument.mid(equals + 1)});
        } else if (i + 1 < arguments.size()) {
            m_entries.append({name, arguments.at(++i)});
        } else {
            *error = QStringLiteral("--%1 needs a value (%2)").arg(name, spec->valueName);
            return false;
        }
    }
    return true;
}

bool CommandLine::isSet(const QString &name) const
{
    return std::any_of(m_entries.cbegin(), m_entries.cend(),
                       [&name](const Entry &entry) { return entry.name == name; });
}

QString CommandLine::value(const QString &name, const QString &fallback) const
{
    const auto it = std::find_if(m_entries.crbegin(), m_entries.crend(),
                                 [&name](const Entry &entry) { return entry.name == name; });
    return it == m_entries.crend() ? fallback : it->value;
}

bool CommandLine::integer(const QString &name, qint64 min, qint64 max, qint64 *out, QString *error) const
{
    if (!isSet(name))
        return true;
    bool ok = false;
    const qint64 number = value(name).toLongLong(&ok);
    if (!ok || number < min || number > max) {
        *error = QStringLiteral("--%1 must be an integer from %2 to %3, not \"%4\"")
                     .arg(name).arg(min).arg(max).arg(value(name));
        return false;
    }
    *out = number;
    return true;
}

QString CommandLine::describe(const QList<OptionSpec> &specs)
{
    qsizetype width = 0;
    for (const OptionSpec &spec : specs)
        width = std::max(width, synopsis(spec).size());
    QString text;
    for (const OptionSpec &spec : specs)
        text += QStringLiteral("  %1  %2\n").arg(synopsis(spec).leftJustified(width), spec.help);
    return text;
}

void CommandLine::printError(const QString &message)
{
    const QByteArray line = QStringLiteral("wirebench-cli: %1\n").arg(message).toUtf8();
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

int CommandLine::printHelp(const QString &usage)
{
    const QByteArray text = usage.toUtf8();
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    std::fflush(stdout);
    return ExitOk;
}

int CommandLine::usageError(const QString &error, const QString &usage)
{
    printError(error);
    const QByteArray text = (QLatin1Char('\n') + usage).toUtf8();
    std::fwrite(text.constData(), 1, size_t(text.size()), stderr);
    return ExitBadArguments;
}

} // namespace wirebench::cli
