#pragma once

#include <engine/responders/scripttimers.h>

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtQml/QJSValue>

class QJSEngine;

namespace wirebench {

class ResponderOutlet;

/**
 * The native side of a script's API, in the script's thread: what
 * conn.send(), server.broadcast(), conn.after(), console.log() and the
 * rest reach through the prelude (which alone holds this object; a script
 * never sees it). Keeps the open connections' conn objects and their
 * timers, and the outlet that carries out what the script asks. Misuse
 * (a reply that is not one, a callback that is not a function) throws a
 * TypeError into the script.
 */
class ScriptBridge : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ScriptBridge)

public:
    /** Lines printed before any outlet was known (the top level) wait for one, up to this many. */
    static constexpr qsizetype maxEarlyLines = 1000;

    explicit ScriptBridge(QJSEngine &engine, QObject *parent = nullptr);

    /** Where what the script asks goes from now on: the outlet of the event being handled. */
    void setOutlet(ResponderOutlet *outlet);
    ResponderOutlet *outlet() const { return m_outlet; }
    /** The connection whose handler runs (0: none), for console.log. */
    void setCurrent(quint64 connection) { m_current = connection; }

    /** Keeps @p conn, the JavaScript object of an open connection. */
    void open(quint64 connection, const QJSValue &conn) { m_connections.insert(connection, conn); }
    /** The conn object of an open connection; undefined if it is not open. */
    QJSValue connection(quint64 connection) const { return m_connections.value(connection); }
    /** Forgets the connection and cancels its timers. */
    void forget(quint64 connection);
    ScriptTimers &timers() { return m_timers; }
    const ScriptTimers &timers() const { return m_timers; }

    Q_INVOKABLE QString hex(const QByteArray &bytes) const;
    Q_INVOKABLE QString hexOfText(const QString &text) const;
    Q_INVOKABLE QJSValue cbor(const QByteArray &bytes) const;
    Q_INVOKABLE bool send(double connection, const QJSValue &reply);
    Q_INVOKABLE int broadcast(const QJSValue &reply);
    Q_INVOKABLE void close(double connection);
    Q_INVOKABLE void reset(double connection);
    Q_INVOKABLE QJSValue connections() const;
    Q_INVOKABLE bool after(double connection, double msecs, const QJSValue &callback);
    Q_INVOKABLE void log(const QString &text);

private:
    static quint64 toId(double connection);

    QJSEngine &m_engine;
    ResponderOutlet *m_outlet = nullptr;
    quint64 m_current = 0;
    QHash<quint64, QJSValue> m_connections;
    ScriptTimers m_timers;
    QStringList m_earlyLines;
};

} // namespace wirebench
