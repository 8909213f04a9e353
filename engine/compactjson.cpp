#include "compactjson.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>

namespace wirebench {

QString compactJson(const QJsonValue &value)
{
    // A top-level scalar is not a document: wrap it in an array and strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

} // namespace wirebench
