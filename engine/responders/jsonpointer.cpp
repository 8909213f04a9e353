#include "jsonpointer.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>

namespace wirebench {

namespace {

QString unescaped(QStringView token)
{
    QString name = token.toString();
    name.replace(QLatin1String("~1"), QLatin1String("/"));
    name.replace(QLatin1String("~0"), QLatin1String("~"));
    return name;
}

} // namespace

QString JsonPointer::validate(const QString &pointer)
{
    if (pointer.isEmpty())
        return {};
    if (!pointer.startsWith(QLatin1Char('/')))
        return QCoreApplication::translate("wirebench::JsonPointer",
                                           "\"%1\" is not a JSON Pointer: it must be empty or start with /")
            .arg(pointer);
    for (qsizetype i = 0; i < pointer.size(); ++i) {
        if (pointer.at(i) != QLatin1Char('~'))
            continue;
        if (i + 1 >= pointer.size() || (pointer.at(i + 1) != QLatin1Char('0') && pointer.at(i + 1) != QLatin1Char('1')))
            return QCoreApplication::translate("wirebench::JsonPointer",
                                               "\"%1\" is not a JSON Pointer: ~ must be followed by 0 or 1")
                .arg(pointer);
    }
    return {};
}

QStringList JsonPointer::steps(const QString &pointer)
{
    QStringList result;
    if (pointer.isEmpty())
        return result;
    for (const QStringView token : QStringView(pointer).mid(1).split(QLatin1Char('/')))
        result.append(unescaped(token));
    return result;
}

QString JsonPointer::step(const QString &name)
{
    return QLatin1Char('/') + QString(name).replace(QLatin1Char('~'), QLatin1String("~0")).replace(QLatin1Char('/'), QLatin1String("~1"));
}

bool JsonPointer::resolve(const QJsonValue &root, const QString &pointer, QJsonValue *value)
{
    QJsonValue current = root;
    if (!pointer.isEmpty()) {
        const QList<QStringView> tokens = QStringView(pointer).mid(1).split(QLatin1Char('/'));
        for (const QStringView token : tokens) {
            if (current.isObject()) {
                const QJsonObject object = current.toObject();
                const auto it = object.constFind(unescaped(token));
                if (it == object.constEnd())
                    return false;
                current = *it;
            } else if (current.isArray()) {
                bool ok = false;
                const qsizetype index = token.toLongLong(&ok);
                const QJsonArray array = current.toArray();
                // RFC 6901: an index is digits without a leading zero
                if (!ok || index < 0 || index >= array.size() || (token.size() > 1 && token.startsWith(QLatin1Char('0'))))
                    return false;
                current = array.at(index);
            } else {
                return false;
            }
        }
    }
    if (current.isUndefined())
        return false;
    *value = current;
    return true;
}

} // namespace wirebench
