#pragma once

#include <QtCore/QJsonValue>
#include <QtCore/QString>

namespace wirebench {

/** Any JSON value as compact JSON text: `"a"`, `3`, `{"k":[1]}` (QJsonDocument writes only objects and arrays). */
QString compactJson(const QJsonValue &value);

} // namespace wirebench
