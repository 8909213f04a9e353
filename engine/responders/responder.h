#pragma once

#include <netcore/connectioninfo.h>
#include <netcore/messageview.h>

#include <QtCore/QString>

namespace wirebench {

class ResponderOutlet;

/**
 * What answers a server's peers by content: rules (RulesResponder) or a
 * script (ScriptResponder). A ResponderHost calls it for one server, per
 * connection in this order: connected(), received() for each message,
 * disconnected(). connected() and received() run in the connection's I/O
 * thread (several threads with several workers: be thread-safe), where
 * what they send goes straight out, in order; disconnected() runs in the
 * host's thread.
 */
class Responder
{
public:
    virtual ~Responder() = default;

    /** A connection opened; what is sent from here reaches the peer before any reply. */
    virtual void connected(ResponderOutlet &outlet, const netcore::ConnectionInfo &info) = 0;
    /** A message; @p message is borrowed for the call only. */
    virtual void received(ResponderOutlet &outlet, quint64 connection, const netcore::MessageView &message) = 0;
    /** The connection ended; @p reason in words. Its state and timers go. */
    virtual void disconnected(ResponderOutlet &outlet, quint64 connection, const QString &reason) = 0;
};

} // namespace wirebench
