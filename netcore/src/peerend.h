#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QtGlobal>

namespace netcore {

/** How the peer ended a TCP connection. */
enum class PeerEnd {
    Closed,  ///< an orderly end (FIN): the peer closed, or half-closed, its side
    Reset,   ///< an abortive end (RST)
    Unknown, ///< the descriptor no longer tells
};

/**
 * How the peer ended the connection on @p descriptor, when QAbstractSocket
 * reported RemoteHostClosedError: it reads a reset as an orderly end, and
 * has closed the descriptor before it says so. Two ways still tell:
 * - @p descriptor is a duplicate the caller keeps open: its TCP state
 *   (CLOSE_WAIT after a FIN, CLOSE after a reset);
 * - in an I/O thread running EpollEventDispatcher, whether the kernel
 *   reported an error on the descriptor in the wake-up being handled.
 * @p ownDuplicate says which one @p descriptor is.
 */
PeerEnd peerEndOf(qintptr descriptor, bool ownDuplicate);

/**
 * What the kernel still holds of the peer's bytes on @p descriptor (a
 * duplicate kept open after the socket gave up its own), read without
 * blocking: bounded by the receive buffer, since nothing more arrives on an
 * ended connection.
 */
QByteArray readWhatTheKernelKept(int descriptor);

} // namespace netcore
