#include "scenariotext.h"

#include <engine/codecparameters.h>
#include <engine/compactjson.h>

#include <QtCore/QJsonArray>

#include <algorithm>

namespace wirebench {

namespace {

/** Which part of a scenario an object is: it decides the order of the object's keys. */
enum class Part { Plain, Top, Clients, Client, Codec, Steps, Step, Reply, Match, Pointers };

/** Digit runs compared as numbers: "c2" before "c10", "/items/2" before "/items/10". */
bool naturalLess(const QString &a, const QString &b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a.at(i).isDigit() && b.at(j).isDigit()) {
            qsizetype endA = i, endB = j;
            while (endA < a.size() && a.at(endA).isDigit())
                ++endA;
            while (endB < b.size() && b.at(endB).isDigit())
                ++endB;
            const QStringView runA = QStringView(a).mid(i, endA - i), runB = QStringView(b).mid(j, endB - j);
            if (runA.size() != runB.size())
                return runA.size() < runB.size(); // no leading zeros in an index or a client's number
            if (const int order = runA.compare(runB); order != 0)
                return order < 0;
            i = endA;
            j = endB;
        } else {
            if (a.at(i) != b.at(j))
                return a.at(i) < b.at(j);
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

QStringList keysInOrder(const QJsonObject &object, Part part)
{
    static const QStringList top{QStringLiteral("name"), QStringLiteral("timeout_ms"), QStringLiteral("connect"),
                                 QStringLiteral("codec"), QStringLiteral("clients"), QStringLiteral("steps")};
    static const QStringList client{QStringLiteral("connect"), QStringLiteral("codec")};
    static const QStringList step{QStringLiteral("as"),         QStringLiteral("send"),       QStringLiteral("expect"),
                                  QStringLiteral("expect_closed"), QStringLiteral("sleep_ms"), QStringLiteral("repeat"),
                                  QStringLiteral("timeout_ms"), QStringLiteral("skip_others"), QStringLiteral("steps")};
    static const QStringList message{QStringLiteral("channel"), QStringLiteral("id"),   QStringLiteral("type"),
                                     QStringLiteral("text"),    QStringLiteral("json"), QStringLiteral("hex"),
                                     QStringLiteral("cbor")};
    QStringList keys = object.keys();
    QStringList first;
    switch (part) {
    case Part::Top: first = top; break;
    case Part::Client: first = client; break;
    case Part::Codec: first = CodecParameters::names(); break;
    case Part::Step: first = step; break;
    case Part::Reply:
    case Part::Match: first = message; break;
    case Part::Clients:
    case Part::Pointers: std::sort(keys.begin(), keys.end(), naturalLess); break;
    case Part::Plain:
    case Part::Steps: break;
    }
    QStringList ordered;
    for (const QString &key : std::as_const(first)) {
        if (object.contains(key))
            ordered.append(key);
    }
    for (const QString &key : std::as_const(keys)) {
        if (!first.contains(key))
            ordered.append(key);
    }
    return ordered;
}

Part partOf(Part parent, const QString &key)
{
    switch (parent) {
    case Part::Top:
        if (key == QLatin1String("clients"))
            return Part::Clients;
        if (key == QLatin1String("codec"))
            return Part::Codec;
        return key == QLatin1String("steps") ? Part::Steps : Part::Plain;
    case Part::Clients: return Part::Client;
    case Part::Client: return key == QLatin1String("codec") ? Part::Codec : Part::Plain;
    case Part::Steps: return Part::Step;
    case Part::Step:
        if (key == QLatin1String("send"))
            return Part::Reply;
        if (key == QLatin1String("expect"))
            return Part::Match;
        return key == QLatin1String("steps") ? Part::Steps : Part::Plain;
    case Part::Match: return key == QLatin1String("json") ? Part::Pointers : Part::Plain;
    case Part::Plain:
    case Part::Codec:
    case Part::Reply:
    case Part::Pointers: break;
    }
    return Part::Plain;
}

/** @p value on one line, with a space after each colon and comma. */
void writeCompact(QByteArray *out, const QJsonValue &value, Part part)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        *out += '{';
        bool first = true;
        for (const QString &key : keysInOrder(object, part)) {
            if (!std::exchange(first, false))
                *out += ", ";
            *out += compactJson(key).toUtf8() + ": ";
            writeCompact(out, object.value(key), partOf(part, key));
        }
        *out += '}';
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        *out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                *out += ", ";
            writeCompact(out, array.at(i), partOf(part, {}));
        }
        *out += ']';
    } else {
        *out += compactJson(value).toUtf8();
    }
}

/** The members of @p object (clients) or the elements of @p array (steps), one a line. */
void writeLines(QByteArray *out, const QJsonValue &value, Part part)
{
    const QByteArray indent = "    ";
    const bool isObject = value.isObject();
    QList<QByteArray> lines;
    if (isObject) {
        const QJsonObject object = value.toObject();
        for (const QString &key : keysInOrder(object, part)) {
            QByteArray line = indent + compactJson(key).toUtf8() + ": ";
            writeCompact(&line, object.value(key), partOf(part, key));
            lines.append(line);
        }
    } else {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &element : array) {
            QByteArray line = indent;
            writeCompact(&line, element, partOf(part, {}));
            lines.append(line);
        }
    }
    if (lines.isEmpty()) {
        *out += isObject ? "{}" : "[]";
        return;
    }
    *out += isObject ? "{\n" : "[\n";
    *out += lines.join(",\n");
    *out += isObject ? "\n  }" : "\n  ]";
}

} // namespace

QByteArray ScenarioText::format(const QJsonObject &scenario)
{
    QByteArray out = "{\n";
    bool first = true;
    for (const QString &key : keysInOrder(scenario, Part::Top)) {
        if (!std::exchange(first, false))
            out += ",\n";
        out += "  " + compactJson(key).toUtf8() + ": ";
        const QJsonValue value = scenario.value(key);
        const Part part = partOf(Part::Top, key);
        if ((part == Part::Clients && value.isObject()) || (part == Part::Steps && value.isArray()))
            writeLines(&out, value, part);
        else
            writeCompact(&out, value, part);
    }
    out += "\n}\n";
    return out;
}

} // namespace wirebench
