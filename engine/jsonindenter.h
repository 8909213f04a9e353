#pragma once

#include <QtCore/QByteArray>

namespace wirebench {

/**
 * Re-indents JSON text as it was written: keys keep their order, strings
 * and numbers keep their bytes (escapes included). QJsonDocument sorts an
 * object's keys, so its pretty printing is not what was sent.
 *
 *     {"b":1,"a":{"z":2,"y":3}}   becomes   {
 *                                               "b": 1,
 *                                               "a": {
 *                                                   "z": 2,
 *                                                   "y": 3
 *                                               }
 *                                           }
 *
 * The layout is QJsonDocument::Indented's (four spaces, "key": value, a
 * final line end; empty objects and arrays stay on their line). It does not
 * check the text: give it JSON that parses (QJsonDocument says so).
 */
class JsonIndenter
{
public:
    static QByteArray indent(const QByteArray &json);
};

} // namespace wirebench
