#include "replayoptions.h"

#include <engine/recording/pointermask.h>

namespace wirebench::cli {

namespace {

/** Every value of a repeatable, comma-separated option, in the order given. */
QStringList listOf(const CommandLine &commandLine, const QString &name)
{
    QStringList values;
    for (const CommandLine::Entry &entry : commandLine.entries()) {
        if (entry.name == name)
            values += entry.value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    }
    return values;
}

} // namespace

OptionSpec ReplayOptions::speedSpec()
{
    return {QStringLiteral("speed"), QStringLiteral("N|max"),
            QStringLiteral("play the recorded gaps N times faster (default 1); max: no waiting")};
}

QList<OptionSpec> ReplayOptions::compareSpecs()
{
    return {
        {QStringLiteral("ignore"), QStringLiteral("POINTER,..."),
         QStringLiteral("leave these JSON Pointers out of json and cbor payloads (* steps over any member: /items/*/ts); repeatable")},
        {QStringLiteral("ignore-channel"), QStringLiteral("NAME,..."),
         QStringLiteral("do not compare messages on these channels; repeatable")},
        {QStringLiteral("unordered"), {}, QStringLiteral("only the order within each channel counts")},
    };
}

bool ReplayOptions::speed(const CommandLine &commandLine, double *speed, QString *error)
{
    const QString value = commandLine.value(QStringLiteral("speed"), QStringLiteral("1"));
    if (value == QLatin1String("max")) {
        *speed = 0;
        return true;
    }
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok || !(number > 0) || number > 1e6) {
        *error = QStringLiteral("--speed must be a number above 0 (up to 1000000) or max, not \"%1\"").arg(value);
        return false;
    }
    *speed = number;
    return true;
}

bool ReplayOptions::compare(const CommandLine &commandLine, CompareOptions *options, QString *error)
{
    options->ignorePointers = listOf(commandLine, QStringLiteral("ignore"));
    options->ignoreChannels = listOf(commandLine, QStringLiteral("ignore-channel"));
    options->unordered = commandLine.isSet(QStringLiteral("unordered"));
    const QString why = PointerMask::validate(options->ignorePointers);
    if (!why.isEmpty()) {
        *error = QStringLiteral("--ignore: %1").arg(why);
        return false;
    }
    return true;
}

} // namespace wirebench::cli
