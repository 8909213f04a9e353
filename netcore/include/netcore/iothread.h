#pragma once

#include <netcore/netcore_export.h>

#include <QtCore/QString>
#include <QtCore/QThread>

#include <memory>

namespace netcore {

/**
 * Starts a thread whose event loop runs netcore's epoll dispatcher, the one
 * Server's I/O threads run on, for an application's own descriptors and
 * QSocketNotifiers (a proxy's raw sockets, say). Move objects to it; stop it
 * with quit() and wait(). Null, with @p why, if it cannot start (no
 * descriptors left, no thread). NETCORE_EVENT_DISPATCHER=qt keeps Qt's own
 * dispatcher, as for the server.
 */
NETCORE_EXPORT std::unique_ptr<QThread> startIoThread(const QString &name, QString *why);

} // namespace netcore
