#include "workspace.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QSaveFile>

namespace wirebench {

namespace {

const QString formatKey = QStringLiteral("format");
const QString versionKey = QStringLiteral("version");
const QString formatName = QStringLiteral("wirebench-workspace");
const QString scenarioKey = QStringLiteral("scenario");
const QString proxiesKey = QStringLiteral("proxies");

QString tr(const char *text) { return QCoreApplication::translate("wirebench::Workspace", text); }

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

template <typename T> QJsonArray toArray(const QList<T> &items)
{
    QJsonArray array;
    for (const T &item : items)
        array.append(item.toJson());
    return array;
}

/** False if @p key is present but not an array of objects. */
template <typename T>
bool fromArray(const QJsonObject &object, const QString &key, QList<T> *items, QString *error)
{
    items->clear();
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return true; // an older or hand-written file may leave a section out
    if (!value.isArray()) {
        setError(error, tr("\"%1\" is not a list").arg(key));
        return false;
    }
    const QJsonArray array = value.toArray();
    for (const QJsonValue &entry : array) {
        if (!entry.isObject()) {
            setError(error, tr("an entry of \"%1\" is not an object").arg(key));
            return false;
        }
        items->append(T::fromJson(entry.toObject()));
    }
    return true;
}

/** The proxies under "proxies"; false, with @p error saying which one, if one is not a proxy. */
bool proxiesFromJson(const QJsonObject &object, QList<ProxySpec> *proxies, QString *error)
{
    proxies->clear();
    const QJsonValue value = object.value(proxiesKey);
    if (value.isUndefined())
        return true;
    if (!value.isArray()) {
        setError(error, tr("\"%1\" is not a list").arg(proxiesKey));
        return false;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        ProxySpec spec;
        QString why = tr("not an object");
        if (!array.at(i).isObject() || !ProxySpec::fromJson(array.at(i).toObject(), &spec, &why)) {
            setError(error, tr("proxy %1 of \"%2\": %3").arg(i + 1).arg(proxiesKey, why));
            return false;
        }
        proxies->append(spec);
    }
    return true;
}

} // namespace

QJsonObject PayloadSequence::toJson() const
{
    return QJsonObject{
        {QStringLiteral("steps"), toArray(steps)},
        {QStringLiteral("delayMsecs"), delayMsecs},
    };
}

bool PayloadSequence::fromJson(const QJsonObject &object, PayloadSequence *sequence, QString *error)
{
    PayloadSequence read;
    if (!fromArray(object, QStringLiteral("steps"), &read.steps, error))
        return false;
    read.delayMsecs = qMax(0, object.value(QStringLiteral("delayMsecs")).toInt(read.delayMsecs));
    *sequence = read;
    return true;
}

bool operator==(const PayloadSequence &a, const PayloadSequence &b)
{
    return a.steps == b.steps && a.delayMsecs == b.delayMsecs;
}

QJsonObject SavedScenario::toJson() const
{
    return QJsonObject{{QStringLiteral("text"), text}, {QStringLiteral("file"), fileName}};
}

SavedScenario SavedScenario::fromJson(const QJsonObject &object)
{
    SavedScenario scenario;
    scenario.text = object.value(QStringLiteral("text")).toString();
    scenario.fileName = object.value(QStringLiteral("file")).toString();
    return scenario;
}

bool operator==(const SavedScenario &a, const SavedScenario &b)
{
    return a.text == b.text && a.fileName == b.fileName;
}

QJsonObject Workspace::toJson() const
{
    QJsonObject object{
        {formatKey, formatName},
        {versionKey, formatVersion},
        {QStringLiteral("servers"), toArray(servers)},
        {QStringLiteral("clients"), toArray(clients)},
        {QStringLiteral("payloads"), toArray(payloads)},
        {QStringLiteral("sequence"), sequence.toJson()},
    };
    // A new section, not a new version: an older Wirebench opens the file and leaves the scenario out.
    if (!scenario.isEmpty())
        object.insert(scenarioKey, scenario.toJson());
    if (!proxies.isEmpty())
        object.insert(proxiesKey, toArray(proxies));
    return object;
}

bool Workspace::fromJson(const QJsonObject &object, Workspace *workspace, QString *error)
{
    if (object.value(formatKey).toString() != formatName) {
        setError(error, tr("not a Wirebench workspace (no \"format\": \"%1\")").arg(formatName));
        return false;
    }
    const QJsonValue versionValue = object.value(versionKey);
    const int version = versionValue.toInt(-1);
    if (!versionValue.isDouble() || version < 1) {
        setError(error, tr("the workspace has no valid \"version\""));
        return false;
    }
    if (version > formatVersion) {
        setError(error, tr("the workspace was written by a newer Wirebench (format version %1; "
                           "this version reads up to %2)").arg(version).arg(formatVersion));
        return false;
    }
    Workspace read;
    if (!fromArray(object, QStringLiteral("servers"), &read.servers, error)
        || !fromArray(object, QStringLiteral("clients"), &read.clients, error)
        || !fromArray(object, QStringLiteral("payloads"), &read.payloads, error)
        || !proxiesFromJson(object, &read.proxies, error))
        return false;
    const QJsonValue sequence = object.value(QStringLiteral("sequence"));
    if (!sequence.isUndefined() && !sequence.isObject()) {
        setError(error, tr("\"sequence\" is not an object"));
        return false;
    }
    // An older file has none: the default, an empty sequence.
    if (!PayloadSequence::fromJson(sequence.toObject(), &read.sequence, error))
        return false;

    const QJsonValue scenario = object.value(scenarioKey);
    if (!scenario.isUndefined() && !scenario.isObject()) {
        setError(error, tr("\"scenario\" is not an object"));
        return false;
    }
    read.scenario = SavedScenario::fromJson(scenario.toObject());
    *workspace = read;
    return true;
}

bool Workspace::save(const QString &path, QString *error) const
{
    // QSaveFile: a failed write leaves the previous workspace intact.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        setError(error, tr("cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        setError(error, tr("cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

bool Workspace::load(const QString &path, Workspace *workspace, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, tr("cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        setError(error, tr("%1 is not JSON: %2 at offset %3")
                            .arg(path, parseError.errorString()).arg(parseError.offset));
        return false;
    }
    if (!document.isObject()) {
        setError(error, tr("%1 is not a Wirebench workspace (not a JSON object)").arg(path));
        return false;
    }
    QString why;
    if (!fromJson(document.object(), workspace, &why)) {
        setError(error, tr("%1: %2").arg(path, why));
        return false;
    }
    return true;
}

bool operator==(const Workspace &a, const Workspace &b)
{
    return a.servers == b.servers && a.clients == b.clients && a.proxies == b.proxies && a.payloads == b.payloads
        && a.sequence == b.sequence && a.scenario == b.scenario;
}

} // namespace wirebench
