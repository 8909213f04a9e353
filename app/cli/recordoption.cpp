#include "recordoption.h"

#include <app/cli/exitcodes.h>

#include <engine/recording/recorder.h>

namespace wirebench::cli {

OptionSpec RecordOption::spec()
{
    return {QStringLiteral("record"), QStringLiteral("FILE"),
            QStringLiteral("write every connection's events to FILE as a recording, for replay and diff")};
}

bool RecordOption::start(const CommandLine &commandLine, const netcore::CodecConfig &codec, const QString &recorderName,
                         std::unique_ptr<Recorder> *recorder, QString *error)
{
    if (!commandLine.isSet(QStringLiteral("record")))
        return true;
    const QString fileName = commandLine.value(QStringLiteral("record"));
    if (fileName.isEmpty()) {
        *error = QStringLiteral("--record needs a file name");
        return false;
    }
    auto started = std::make_unique<Recorder>();
    if (!started->start(fileName, codec, recorderName, error))
        return false;
    *recorder = std::move(started);
    return true;
}

int RecordOption::finish(Recorder *recorder, int exitCode)
{
    QString error;
    if (!recorder || recorder->finish(&error))
        return exitCode;
    CommandLine::printError(error);
    return exitCode == ExitOk ? ExitFailure : exitCode;
}

} // namespace wirebench::cli
