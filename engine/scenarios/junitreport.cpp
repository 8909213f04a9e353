#include "junitreport.h"

#include <QtCore/QSaveFile>
#include <QtCore/QXmlStreamWriter>

#include <algorithm>

namespace wirebench {

namespace {

QString seconds(qint64 msecs)
{
    return QString::number(double(msecs) / 1000.0, 'f', 3);
}

/** XML 1.0 has no place for most control characters, even escaped: they are written as \xHH text. */
QString xmlSafe(const QString &text)
{
    QString safe;
    safe.reserve(text.size());
    for (const QChar c : text) {
        const char16_t code = c.unicode();
        if ((code < 0x20 && code != '\t' && code != '\n' && code != '\r') || code == 0xfffe || code == 0xffff)
            safe += QStringLiteral("\\x%1").arg(int(code), 2, 16, QLatin1Char('0'));
        else
            safe += c;
    }
    return safe;
}

void writeCounts(QXmlStreamWriter &xml, const JunitReport::Run &run)
{
    const auto count = [&run](StepResult::Status status) {
        return std::count_if(run.steps.cbegin(), run.steps.cend(),
                             [status](const StepResult &step) { return step.status == status; });
    };
    const int errors = run.connectError.isEmpty() ? 0 : 1;
    xml.writeAttribute(QStringLiteral("name"), xmlSafe(run.name));
    xml.writeAttribute(QStringLiteral("tests"), QString::number(run.steps.size() + errors));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(count(StepResult::Status::Failed)));
    xml.writeAttribute(QStringLiteral("errors"), QString::number(errors));
    xml.writeAttribute(QStringLiteral("skipped"), QString::number(count(StepResult::Status::Skipped)));
    xml.writeAttribute(QStringLiteral("time"), seconds(run.elapsedMsecs));
}

} // namespace

QByteArray JunitReport::toXml(const Run &run)
{
    QByteArray bytes;
    QXmlStreamWriter xml(&bytes);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    writeCounts(xml, run);
    xml.writeStartElement(QStringLiteral("testsuite"));
    writeCounts(xml, run);
    if (run.started.isValid())
        xml.writeAttribute(QStringLiteral("timestamp"), run.started.toUTC().toString(Qt::ISODate).chopped(1));

    if (!run.connectError.isEmpty()) {
        xml.writeStartElement(QStringLiteral("testcase"));
        xml.writeAttribute(QStringLiteral("classname"), xmlSafe(run.name));
        xml.writeAttribute(QStringLiteral("name"), tr("connect"));
        xml.writeAttribute(QStringLiteral("time"), seconds(run.elapsedMsecs));
        xml.writeStartElement(QStringLiteral("error"));
        xml.writeAttribute(QStringLiteral("message"), xmlSafe(run.connectError));
        xml.writeAttribute(QStringLiteral("type"), QStringLiteral("ConnectFailed"));
        xml.writeCharacters(xmlSafe(run.connectError));
        xml.writeEndElement();
        xml.writeEndElement();
    }
    for (const StepResult &step : run.steps) {
        xml.writeStartElement(QStringLiteral("testcase"));
        xml.writeAttribute(QStringLiteral("classname"), xmlSafe(run.name));
        xml.writeAttribute(QStringLiteral("name"), xmlSafe(step.path + QLatin1Char(' ') + step.summary));
        xml.writeAttribute(QStringLiteral("time"), seconds(step.elapsedMsecs));
        if (step.status == StepResult::Status::Failed) {
            xml.writeStartElement(QStringLiteral("failure"));
            xml.writeAttribute(QStringLiteral("message"), xmlSafe(step.detail));
            xml.writeAttribute(QStringLiteral("type"), QStringLiteral("StepFailed"));
            xml.writeCharacters(xmlSafe(step.place() + QStringLiteral(": ") + step.detail));
            xml.writeEndElement();
        } else if (step.status == StepResult::Status::Skipped) {
            xml.writeEmptyElement(QStringLiteral("skipped"));
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    return bytes;
}

bool JunitReport::write(const QString &fileName, const Run &run, QString *error)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(toXml(run)) < 0 || !file.commit()) {
        *error = tr("cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

} // namespace wirebench
