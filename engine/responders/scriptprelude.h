#pragma once

#include <QtCore/QString>

namespace wirebench {

/**
 * The JavaScript that builds a script's API before the script runs: the
 * conn, msg, server and console objects over a native ScriptBridge it
 * keeps to itself (the script never sees the bridge, only what the
 * prelude hands it). Evaluated, it is a function (bridge, global) that
 * sets server and console on the global object and returns the hooks
 * the runtime calls: connection(id, peer), connected(conn),
 * message(conn, channel, type, id, size, text, bytes), disconnected(conn, reason)
 * and timer(callback). Each hook turns a throw that is not an Error into
 * one, so that a caller sees every throw as an error value.
 */
class ScriptPrelude
{
public:
    static QString source();
    /**
     * What load() appends to a script: it puts handlers declared with `let` or `const` on the
     * global object, where the prelude finds them (QJSEngine keeps a script's top-level lexical
     * names to that script). One line, after the script's last, so its lines keep their numbers.
     */
    static QString trailer();
    /** The name its frames carry in a stack, to tell them from the script's. */
    static QString fileName();
};

} // namespace wirebench
