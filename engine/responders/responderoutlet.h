#pragma once

#include <netcore/message.h>

#include <QtCore/QList>
#include <QtCore/QString>

#include <functional>

namespace wirebench {

/**
 * What a Responder acts on: the server it answers for (a ResponderHost).
 * Every call is thread-safe: rules call it from the connections' I/O
 * threads, a script from its own thread.
 */
class ResponderOutlet
{
public:
    virtual ~ResponderOutlet() = default;

    /** Sends on one connection; false if it is not open (or the message cannot be encoded). */
    virtual bool send(quint64 connection, const netcore::Message &message) = 0;
    /** Sends to every open connection; how many. */
    virtual int broadcast(const netcore::Message &message) = 0;
    /** Orderly end: what is pending goes first, then FIN. */
    virtual void close(quint64 connection) = 0;
    /** Abortive end: pending output is dropped and the peer sees a reset. */
    virtual void reset(quint64 connection) = 0;
    /** The open connections' ids. */
    virtual QList<quint64> connections() const = 0;
    /** "HOST:PORT" of an open connection ("" if it is not): for one opened before the responder took over. */
    virtual QString peerOf(quint64 connection) const = 0;
    /** A line a script printed (console.log), for the events. */
    virtual void log(quint64 connection, const QString &text) = 0;
    /**
     * A message got no answer because answering failed: @p code "ScriptError" (a script threw, timed
     * out or returned what is not a reply) or "RuleError" (a rule's reply could not be made).
     */
    virtual void fail(quint64 connection, const QString &code, const QString &message) = 0;
    /** Runs @p task in the host's thread after @p msecs, unless the host is gone by then. */
    virtual void schedule(int msecs, std::function<void()> task) = 0;
};

} // namespace wirebench
