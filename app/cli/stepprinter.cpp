#include "stepprinter.h"

#include <engine/compactjson.h>

#include <QtCore/QTime>

#include <algorithm>

namespace wirebench::cli {

namespace {

QString objectLine(const QList<std::pair<QString, QJsonValue>> &fields)
{
    QStringList parts;
    for (const auto &[key, value] : fields)
        parts << compactJson(key) + QLatin1Char(':') + compactJson(value);
    return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

QString timestamp()
{
    return QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz "));
}

} // namespace

void StepPrinter::step(const StepResult &result) const
{
    if (m_format == EventPrinter::Format::None)
        return;
    const QString status = StepResult::statusName(result.status);
    if (m_format == EventPrinter::Format::Text) {
        static const QStringList words{QStringLiteral("PASS"), QStringLiteral("FAIL"), QStringLiteral("SKIP")};
        QString line = timestamp() + words.at(int(result.status)) + QLatin1Char(' ') + result.place()
            + QLatin1Char(' ') + result.summary;
        if (result.status != StepResult::Status::Skipped)
            line += QStringLiteral(" (%1 ms)").arg(result.elapsedMsecs);
        if (!result.detail.isEmpty())
            line += QStringLiteral(": ") + result.detail;
        EventPrinter::printLine(line);
        return;
    }
    QList<std::pair<QString, QJsonValue>> fields{{QStringLiteral("event"), QStringLiteral("step")},
                                                 {QStringLiteral("path"), result.path}};
    if (!result.iteration.isEmpty())
        fields.append({QStringLiteral("repeat"), QString(result.iteration).remove(QStringLiteral("repeat "))});
    fields.append({QStringLiteral("name"), result.summary});
    fields.append({QStringLiteral("status"), status});
    fields.append({QStringLiteral("ms"), result.elapsedMsecs});
    if (!result.detail.isEmpty())
        fields.append({QStringLiteral("message"), result.detail});
    EventPrinter::printLine(objectLine(fields));
}

void StepPrinter::finished(const QString &status, const QList<StepResult> &steps, qint64 msecs) const
{
    if (m_format == EventPrinter::Format::None)
        return;
    const auto count = [&steps](StepResult::Status which) {
        return qint64(std::count_if(steps.cbegin(), steps.cend(),
                                    [which](const StepResult &step) { return step.status == which; }));
    };
    const qint64 passed = count(StepResult::Status::Passed);
    const qint64 failed = count(StepResult::Status::Failed);
    const qint64 skipped = count(StepResult::Status::Skipped);
    if (m_format == EventPrinter::Format::Text) {
        EventPrinter::printLine(timestamp() + QStringLiteral("%1: %2 passed, %3 failed, %4 skipped in %5 ms")
                                                  .arg(status).arg(passed).arg(failed).arg(skipped).arg(msecs));
        return;
    }
    EventPrinter::printLine(objectLine({{QStringLiteral("event"), QStringLiteral("finished")},
                                        {QStringLiteral("status"), status},
                                        {QStringLiteral("passed"), passed},
                                        {QStringLiteral("failed"), failed},
                                        {QStringLiteral("skipped"), skipped},
                                        {QStringLiteral("ms"), msecs}}));
}

} // namespace wirebench::cli
