#include "scriptbridge.h"

#include "responderoutlet.h"
#include "scriptreplies.h"

#include <QtCore/QCborValue>
#include <QtCore/QJsonValue>
#include <QtQml/QJSEngine>

#include <cmath>

namespace wirebench {

ScriptBridge::ScriptBridge(QJSEngine &engine, QObject *parent) : QObject(parent), m_engine(engine) {}

void ScriptBridge::setOutlet(ResponderOutlet *outlet)
{
    m_outlet = outlet;
    if (!m_outlet || m_earlyLines.isEmpty())
        return;
    for (const QString &line : std::as_const(m_earlyLines))
        m_outlet->log(0, line);
    m_earlyLines.clear();
}

void ScriptBridge::forget(quint64 connection)
{
    m_connections.remove(connection);
    m_timers.cancel(connection);
}

quint64 ScriptBridge::toId(double connection)
{
    // Ids are whole and positive; anything else names no connection.
    return std::isfinite(connection) && connection >= 1 && connection == std::floor(connection) ? quint64(connection) : 0;
}

QString ScriptBridge::hex(const QByteArray &bytes) const
{
    return QString::fromLatin1(bytes.toHex());
}

QString ScriptBridge::hexOfText(const QString &text) const
{
    return QString::fromLatin1(text.toUtf8().toHex());
}

QJSValue ScriptBridge::cbor(const QByteArray &bytes) const
{
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(bytes, &error);
    if (error.error != QCborError::NoError)
        return QJSValue(QJSValue::UndefinedValue);
    return m_engine.toScriptValue(value.toJsonValue());
}

bool ScriptBridge::send(double connection, const QJSValue &reply)
{
    netcore::Message message;
    QString error;
    if (!ScriptReplies::toMessage(m_engine, reply, netcore::Message(), &message, &error)) {
        m_engine.throwError(QJSValue::TypeError, tr("send: %1").arg(error));
        return false;
    }
    const quint64 id = toId(connection);
    return m_outlet && id != 0 && m_outlet->send(id, message);
}

int ScriptBridge::broadcast(const QJSValue &reply)
{
    netcore::Message message;
    QString error;
    if (!ScriptReplies::toMessage(m_engine, reply, netcore::Message(), &message, &error)) {
        m_engine.throwError(QJSValue::TypeError, tr("broadcast: %1").arg(error));
        return 0;
    }
    return m_outlet ? m_outlet->broadcast(message) : 0;
}

void ScriptBridge::close(double connection)
{
    if (m_outlet && toId(connection) != 0)
        m_outlet->close(toId(connection));
}

void ScriptBridge::reset(double connection)
{
    if (m_outlet && toId(connection) != 0)
        m_outlet->reset(toId(connection));
}

QJSValue ScriptBridge::connections() const
{
    const QList<quint64> ids = m_outlet ? m_outlet->connections() : QList<quint64>();
    QJSValue array = m_engine.newArray(uint(ids.size()));
    for (qsizetype i = 0; i < ids.size(); ++i)
        array.setProperty(quint32(i), double(ids.at(i)));
    return array;
}

bool ScriptBridge::after(double connection, double msecs, const QJSValue &callback)
{
    if (!callback.isCallable()) {
        m_engine.throwError(QJSValue::TypeError, tr("after: the second argument must be a function"));
        return false;
    }
    const quint64 id = toId(connection);
    if (!m_connections.contains(id))
        return false; // it ended: its timers went with it, and so does this one
    const qint64 delay = std::isfinite(msecs) ? qint64(qBound(0.0, msecs, 24.0 * 3600 * 1000)) : 0;
    if (!m_timers.add(id, delay, callback)) {
        m_engine.throwError(QJSValue::RangeError,
                            tr("after: %1 timers are waiting already").arg(ScriptTimers::maxTimers));
        return false;
    }
    return true;
}

void ScriptBridge::log(const QString &text)
{
    if (m_outlet)
        m_outlet->log(m_current, text);
    else if (m_earlyLines.size() < maxEarlyLines)
        m_earlyLines.append(text);
}

} // namespace wirebench
