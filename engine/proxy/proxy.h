#pragma once

#include <engine/proxy/proxyconnectionstate.h>
#include <engine/proxy/proxyspec.h>

#include <QtCore/QObject>

#include <memory>

namespace wirebench {

class ProxyObserver;

/**
 * A TCP proxy between real clients and a real server: for each accepted
 * client it connects to the upstream, and both directions flow until either
 * side ends, the end passed on as it came (FIN as FIN, RST as RST). Bytes
 * pass unchanged and at once; the codec decodes a copy for the observer, and
 * only the message-level faults hold a frame until it is whole.
 *
 * The sockets live in I/O threads of their own (netcore's epoll dispatcher);
 * this object, in the thread that made it, accepts and hands each client to
 * one of them. Backpressure both ways: a side that does not read stops the
 * proxy reading the other, so what the proxy holds per connection is bounded.
 *
 * Faults change while it runs (setFaults()), and apply at once to the open
 * connections. The random choices (jitter, probabilities) come from a
 * generator per connection and direction, seeded from seed() and the
 * connection's id, so a run with the same seed and traffic repeats exactly.
 */
class Proxy : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(Proxy)

public:
    /** @p observer (may be null) outlives the proxy; it is called from the I/O threads. */
    explicit Proxy(const ProxySpec &spec, ProxyObserver *observer, QObject *parent = nullptr);
    ~Proxy() override;

    ProxySpec spec() const;
    /**
     * Resolves the upstream, starts the I/O threads and listens; false, with @p why, if the spec
     * is invalid, the upstream does not resolve, or it cannot listen.
     */
    bool start(QString *why);
    /**
     * Stops listening and ends every connection (reset, both sides); it can start again. When it
     * returns (and when the destructor does), no observer call is under way or to come.
     */
    void stop();
    bool isListening() const;
    /** "HOST:PORT" it listens on, the port resolved; empty when not listening. */
    QString listenAddress() const;
    quint16 port() const;
    /** The seed in use: the spec's, or the one picked at start. */
    quint64 seed() const;

    /**
     * Replaces the faults. The open connections take them before this returns: what they read
     * next meets the new faults. Waits for the I/O threads, so not from an observer's call.
     */
    void setFaults(const QList<Fault> &faults);
    QList<Fault> faults() const;
    /** Ends one connection, both sides (FIN); false if it is not open. */
    bool kick(quint64 connection);
    /** The open connections, counters read now. Thread-safe. */
    QList<ProxyConnectionState> connections() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace wirebench
