#include "recordingheader.h"

#include <engine/codecparameters.h>
#include <engine/recording/jsonline.h>

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QJsonParseError>

namespace wirebench {

QByteArray RecordingHeader::toLine() const
{
    JsonLine line;
    line.add("wirebench", u"recording");
    line.add("version", version);
    line.addValue(QStringLiteral("codec"), CodecParameters::toJson(codec));
    line.add("started", started.toUTC().toString(Qt::ISODateWithMs));
    if (!recorder.isEmpty())
        line.add("recorder", recorder);
    return line.finish();
}

bool RecordingHeader::parse(const QByteArray &line, RecordingHeader *header, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    const QJsonObject object = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || object.value(QStringLiteral("wirebench")).toString() != QLatin1String("recording")) {
        *error = tr("not a Wirebench recording: the first line must be "
                    "{\"wirebench\":\"recording\",\"version\":1,...}");
        return false;
    }
    const QJsonValue version = object.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() != double(currentVersion)) {
        *error = tr("recording version %1: this build reads version %2")
                     .arg(version.isDouble() ? QString::number(version.toDouble()) : QStringLiteral("(none)"))
                     .arg(currentVersion);
        return false;
    }
    CodecParameters::Problem problem;
    if (!CodecParameters::fromJson(object.value(QStringLiteral("codec")), &header->codec, &problem)) {
        *error = tr("\"codec\": %1").arg(problem.message);
        return false;
    }
    header->version = currentVersion;
    header->started = QDateTime::fromString(object.value(QStringLiteral("started")).toString(), Qt::ISODateWithMs);
    if (!header->started.isValid()) {
        *error = tr("\"started\" must be a date and time in ISO 8601, like \"2026-12-07T14:00:00.123Z\"");
        return false;
    }
    header->recorder = object.value(QStringLiteral("recorder")).toString();
    return true;
}

} // namespace wirebench
