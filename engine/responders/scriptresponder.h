#pragma once

#include <engine/responders/responder.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

#include <memory>

namespace wirebench {

/**
 * Answers by a JavaScript file, run on a QJSEngine in a thread of its own
 * (one engine for all connections: server.state is shared):
 *
 *     function onConnect(conn) { conn.send({channel: "hello", text: "welcome " + conn.peer}); }
 *     function onMessage(conn, msg) {
 *         conn.state.n = (conn.state.n || 0) + 1;
 *         if (msg.channel === "login") return {json: {ok: msg.json.user === "alice", n: conn.state.n}};
 *         return {text: "#" + conn.state.n + " " + msg.text};
 *     }
 *     function onDisconnect(conn, reason) {}
 *
 * Every handler is optional: a function declaration, or a top-level var,
 * let or const that holds a function.
 *
 * - conn: id, peer ("HOST:PORT"), state (an object for the connection's
 *   life), send(reply), close() (pending output first), reset() (RST),
 *   after(msecs, fn) (a timer; it goes when the connection ends).
 * - server: state (one object for every connection), connections() (ids),
 *   send(id, reply), broadcast(reply).
 * - msg: channel ("" where the codec has none), type ("binary", "text",
 *   "json", "cbor"), id (0 where none), size, hex (lower case, no spaces),
 *   text (text and json only), json (the value; json and cbor only).
 * - A reply: {channel?, id?, text | json | hex | cbor} (ReplyTemplate,
 *   without templates). onMessage returns one, an array or nothing; its
 *   channel and id default to the message's, those of send() to "" and 0.
 * - console.log/info/warn/error: a line for the outlet's log, of the
 *   connection whose handler runs (0 at the top level; those lines wait for
 *   the first event).
 *
 * A script sees nothing else: no files, no network, no processes, no
 * modules. A handler that throws, returns what is not a reply or runs past
 * the timeout (interrupted) is reported to the outlet as a ScriptError and
 * its message gets no answer; the script goes on with the next event.
 * Events wait in a bounded queue (ScriptQueue: 64 Ki messages or 64 MiB);
 * past it a message is dropped and that is reported as a ScriptError.
 * Connected and received are cheap in the calling I/O thread: a copy and a
 * queue. A ScriptResponder answers for one ResponderHost (connection ids are
 * its server's); the outlets it is given must outlive it.
 */
class ScriptResponder : public Responder
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::ScriptResponder)
    Q_DISABLE_COPY(ScriptResponder)

public:
    /** What the CLI gives a handler unless told otherwise. */
    static constexpr int defaultTimeoutMsecs = 1000;

    /**
     * Reads @p fileName and runs its top level (so its functions exist). Null, with @p error
     * ("FILE:LINE: SyntaxError: ...", "FILE:LINE: TypeError: ...", "FILE: the top level timed
     * out after N ms", "FILE: cannot read: ..."), if that fails.
     */
    static std::shared_ptr<ScriptResponder> load(const QString &fileName, int timeoutMsecs, QString *error);
    /** The same for a script's text; @p fileName names it in errors and stacks. */
    static std::shared_ptr<ScriptResponder> fromSource(const QString &source, const QString &fileName,
                                                       int timeoutMsecs, QString *error);
    /**
     * Whether @p source parses: "" or "line N: message". Compiles it as a function's body in a
     * throwaway engine and calls nothing, so it is safe to call as the user types (a few
     * milliseconds). Only text that closes that function early runs, in the bare engine, for
     * 250 ms at most. A source that passes may still fail load() (a top-level `return`, a throw).
     */
    static QString checkSyntax(const QString &source);

    /** Interrupts a handler that runs, drops what waits and ends the script's thread. */
    ~ScriptResponder() override;

    QString fileName() const;
    int timeoutMsecs() const;
    /** Messages the script thread has taken so far, answered or not (for measurements). Thread-safe. */
    quint64 handledMessages() const;

    void connected(ResponderOutlet &outlet, const netcore::ConnectionInfo &info) override;
    void received(ResponderOutlet &outlet, quint64 connection, const netcore::MessageView &message) override;
    void disconnected(ResponderOutlet &outlet, quint64 connection, const QString &reason) override;

private:
    class Private;

    explicit ScriptResponder(std::unique_ptr<Private> d);

    std::unique_ptr<Private> d;
};

} // namespace wirebench
