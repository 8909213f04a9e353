#include "serverconnection.h"

#include "acceptor.h"
#include "deliverygate.h"
#include "orderlyclose.h"
#include "peerend.h"

#include <QtCore/QBuffer>
#include <QtCore/QTimer>
#include <QtNetwork/QSslSocket>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <utility>

namespace netcore {

namespace {
// QTcpSocket reads from the kernel into a buffer of its own; bounded, it cannot hold more
// than this of a peer's bytes while the connection is paused or busy.
constexpr qint64 socketReadBufferLimit = 1024 * 1024;
} // namespace

ServerConnection::ServerConnection(quint64 id, const CodecConfig &codec,
                                   std::shared_ptr<ConnectionCounters> counters, const OutputLimits *limits,
                                   const TlsSettings *tls, DeliveryGate *gate, QObject *parent)
    : QObject(parent), m_id(id), m_reader(codec), m_counters(std::move(counters)), m_limits(limits), m_tls(tls),
      m_gate(gate)
{
    m_lastReceive.start();
}

ServerConnection::~ServerConnection()
{
    dropDuplicate();
}

void ServerConnection::holdDuplicate()
{
    if (m_duplicate < 0 && m_socket->socketDescriptor() >= 0)
        m_duplicate = ::fcntl(int(m_socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0); // -1: do without
}

void ServerConnection::dropDuplicateOnceReading()
{
    // Reading stops for full output and for a full backlog; either may end first.
    if (!m_readPaused && !m_deliveryWait && !m_closing)
        dropDuplicate();
}

void ServerConnection::dropDuplicate()
{
    if (m_duplicate >= 0)
        ::close(m_duplicate);
    m_duplicate = -1;
}

bool ServerConnection::open(qintptr descriptor, QString *why)
{
    m_socket = m_tls->enabled ? new QSslSocket(this) : new QTcpSocket(this);
    if (!m_socket->setSocketDescriptor(descriptor)) {
        *why = m_socket->errorString();
        closeDescriptor(descriptor); // not adopted, so nobody else will close it
        return false;
    }
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setReadBufferSize(socketReadBufferLimit);
    connect(m_socket, &QTcpSocket::readyRead, this, &ServerConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &ServerConnection::onErrorOccurred);
    connect(m_socket, &QTcpSocket::disconnected, this, &ServerConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &ServerConnection::onBytesWritten);
    if (m_tls->enabled)
        startEncryption();
    return true;
}

void ServerConnection::startEncryption()
{
    auto *socket = static_cast<QSslSocket *>(m_socket);
    socket->setSslConfiguration(m_tls->configuration);
    auto *deadline = new QTimer(this);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this] {
        abortWith(DisconnectReason::TlsFailed, tr("no TLS handshake within %1 ms").arg(m_tls->handshakeTimeout));
    });
    connect(socket, &QSslSocket::encrypted, deadline, &QObject::deleteLater);
    deadline->start(m_tls->handshakeTimeout);
    socket->startServerEncryption();
}

bool ServerConnection::canWrite() const
{
    return !m_closing && !m_socketFailed && m_socket->state() == QAbstractSocket::ConnectedState;
}

void ServerConnection::write(const QByteArray &bytes, int messageCount)
{
    if (!canWrite())
        return;
    if (m_corked) {
        m_output.append(bytes);
        m_outputMessages += messageCount; // counted with the rest of the output at the flush
        return;
    }
    m_socket->write(bytes);
    m_counters->bytesOut.fetch_add(quint64(bytes.size()), std::memory_order_relaxed);
    m_counters->messagesOut.fetch_add(quint64(messageCount), std::memory_order_relaxed);
    checkOutput();
}

void ServerConnection::writeMessage(const MessageView &message, const Codec &encoder, Error *error)
{
    // While corked, the socket's state is checked once at the flush, not per reply.
    if (m_corked ? m_closing : !canWrite())
        return;
    if (!encoder.encode(message, m_output, error))
        return;
    ++m_outputMessages; // counted into the shared counters once per flush, not per message
    if (!m_corked)
        flushOutput();
}

void ServerConnection::flushOutput()
{
    if (m_output.isEmpty())
        return;
    m_counters->bytesOut.fetch_add(quint64(m_output.size()), std::memory_order_relaxed);
    m_counters->messagesOut.fetch_add(quint64(m_outputMessages), std::memory_order_relaxed);
    m_outputMessages = 0;
    // Taken out first: flush() may report an error synchronously, and the slots it
    // reaches (onErrorOccurred) must find nothing left to send.
    QByteArray output;
    output.swap(m_output);
    if (canWrite()) {
        // As a QByteArray, a large output is shared with the socket's write buffer instead of copied.
        m_socket->write(output);
        m_socket->flush(); // now, not one event-loop pass later on write readiness
    }
    if (output.isDetached() && m_output.isEmpty()) {
        output.resize(0); // all written: keeps its capacity for the next batch
        m_output.swap(output);
    }
    checkOutput();
}

void ServerConnection::checkOutput()
{
    if (m_closedReported || m_socketFailed)
        return;
    const qint64 pending = m_socket->bytesToWrite();
    m_counters->bytesPending.store(quint64(pending), std::memory_order_relaxed);
    if (pending > m_limits->hardLimit) {
        abortWith(DisconnectReason::SlowConsumer, tr("%1 bytes wait to be sent, above the limit of %2: the peer does not read")
                              .arg(pending).arg(m_limits->hardLimit));
        return;
    }
    if (m_readPaused || m_closing || pending < m_limits->highWatermark)
        return;
    // Leave the peer's bytes unread: the socket's buffer fills to its limit, then the
    // kernel's, the receive window closes and TCP pushes back on the peer.
    m_readPaused = true;
    holdDuplicate(); // one more descriptor, for the connections that stopped reading only
    startStallTimer();
}

void ServerConnection::startStallTimer()
{
    if (m_limits->stallTimeout <= 0)
        return;
    if (!m_stallTimer) {
        m_stallTimer = new QTimer(this);
        m_stallTimer->setSingleShot(true);
        connect(m_stallTimer, &QTimer::timeout, this, &ServerConnection::onStalled);
    }
    m_stallTimer->start(m_limits->stallTimeout);
}

void ServerConnection::onBytesWritten()
{
    const qint64 pending = m_socket->bytesToWrite();
    m_counters->bytesPending.store(quint64(pending), std::memory_order_relaxed);
    if (m_readPaused && pending <= m_limits->lowWatermark)
        resumeReading();
}

void ServerConnection::resumeReading()
{
    m_readPaused = false;
    dropDuplicateOnceReading();
    if (m_stallTimer && !m_closing)
        m_stallTimer->stop();
    // What arrived while paused waits in the socket's buffer: handle it from the event loop,
    // not from inside the socket's bytesWritten emission.
    QMetaObject::invokeMethod(this, &ServerConnection::onReadyRead, Qt::QueuedConnection);
}

void ServerConnection::onStalled()
{
    const qint64 pending = m_socket->bytesToWrite();
    if (pending == 0)
        return;
    abortWith(DisconnectReason::SlowConsumer, tr("the peer read nothing for %1 ms while %2 bytes waited to be sent")
                          .arg(m_limits->stallTimeout).arg(pending));
}

void ServerConnection::abortWith(DisconnectReason reason, const QString &detail)
{
    if (m_closedReported)
        return;
    m_closing = true;
    m_reason = reason;
    m_detail = detail;
    // Before the socket's own descriptor goes, so that the socket's close is the last one.
    if (m_orderlyClose)
        m_orderlyClose->abort();
    dropDuplicate();
    m_socket->abort(); // drops unsent output: a peer that does not read it, or no session to send it in
    if (!m_closedReported)
        onDisconnected();
}

void ServerConnection::reset(const QString &detail)
{
    if (m_closedReported)
        return;
    if (m_corked) {
        endAfterRead(PendingEnd::Reset, DisconnectReason::ClosedLocally, detail);
        return;
    }
    // What was written before goes out as far as the kernel takes it now; the rest is dropped.
    flushOutput();
    m_socket->flush();
    // No lingering: closing the last descriptor sends RST instead of FIN.
    const linger noLinger{1, 0};
    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &noLinger, sizeof noLinger);
    abortWith(DisconnectReason::ClosedLocally, detail);
}

void ServerConnection::endAfterRead(PendingEnd end, DisconnectReason reason, const QString &detail)
{
    // Asked while a read is handled (by a message handler, or a slot in this thread): the
    // messages read so far are delivered, and their replies written, before the connection goes.
    if (m_pendingEnd != PendingEnd::None)
        return; // the first end asked for stands
    m_pendingEnd = end;
    m_pendingReason = reason;
    m_pendingDetail = detail;
}

void ServerConnection::close(DisconnectReason reason, const QString &detail)
{
    if (m_closing)
        return;
    if (m_corked) {
        endAfterRead(PendingEnd::Close, reason, detail);
        return;
    }
    m_closing = true;
    m_reason = reason;
    m_detail = detail;
    // QTcpSocket would close its descriptor with the peer's bytes unread, and the kernel would
    // reset the connection instead of ending it: the end is left to a duplicate that reads them.
    holdDuplicate();
    if (m_duplicate >= 0) {
        // Owned by the IoWorker: it outlives this connection, which is deleted once the socket is done.
        m_orderlyClose = new OrderlyClose(std::exchange(m_duplicate, -1), m_limits->closeTimeout, parent());
    }
    m_socket->disconnectFromHost(); // sends what is pending first
    if (m_readingHeld)
        m_socket->readAll(); // drain what waited, so that readyRead comes for the rest
    if (m_socket->bytesToWrite() > 0)
        startStallTimer(); // a peer that does not read would keep the connection (and its output) forever
}

void ServerConnection::resumeAfterDelivery()
{
    if (!m_deliveryWait)
        return;
    m_deliveryWait = false;
    dropDuplicateOnceReading();
    QMetaObject::invokeMethod(this, &ServerConnection::onReadyRead, Qt::QueuedConnection);
}

void ServerConnection::onReadyRead()
{
    if (m_readPaused || m_deliveryWait || (m_readingHeld && !m_closing))
        return; // resumeReading(), resumeAfterDelivery() or close() comes back for it
    if (m_closing || m_reader.hasFailed()) {
        m_socket->readAll(); // keep the kernel buffer draining while we close
        return;
    }
    decodeFrom(m_socket, ReadMode::Live);
}

void ServerConnection::decodeFrom(QIODevice *device, ReadMode mode)
{
    // Reading stops while the replies it produced pile up above the high watermark:
    // what is left waits in the socket's bounded buffer, then in the kernel. Once the
    // socket failed, nothing is written any more: what the peer sent is all read.
    const auto outputHasRoom = [this] {
        return m_socketFailed || m_output.size() + m_socket->bytesToWrite() < m_limits->highWatermark;
    };
    // And while the server's thread has a full backlog of what was decoded before. What is
    // left once the peer's stream ended is read whole: it is bounded, and there is no later.
    const bool live = mode == ReadMode::Live;
    const auto deliveryHasRoom = [this, live](DeliveryGate::Load reading) { return !live || m_gate->hasRoom(reading); };
    // Inside a read, the batch being decoded counts too; it is handed over before the loop goes on.
    const auto keepReading = [&] {
        return !live || (outputHasRoom() && deliveryHasRoom({m_batch.results.size(), m_batch.bytesRead}));
    };
    do {
        FrameReader::Batch &batch = m_batch;
        // Replies written while this read is handled in this thread, by the message
        // handler during decoding or by slots of decoded(), leave in one write.
        m_corked = true;
        m_reader.readFrom(device, batch, keepReading);
        if (batch.bytesRead > 0) {
            m_lastReceive.restart();
            m_counters->bytesIn.fetch_add(quint64(batch.bytesRead), std::memory_order_relaxed);
            m_counters->messagesIn.fetch_add(quint64(batch.messageCount), std::memory_order_relaxed);
        }
        if (!batch.results.isEmpty()) {
            m_gate->handOver(DeliveryGate::loadOf(batch.results));
            QPointer<ServerConnection> self(this); // a slot may shut the server down
            Q_EMIT decoded(m_id, batch.results);
            if (!self)
                return;
        }
        m_corked = false;
        flushOutput();
        if (m_pendingEnd != PendingEnd::None) {
            const PendingEnd end = std::exchange(m_pendingEnd, PendingEnd::None);
            if (end == PendingEnd::Reset)
                reset(m_pendingDetail);
            else
                close(m_pendingReason, m_pendingDetail);
            return;
        }
        if (batch.streamFailed) {
            close(DisconnectReason::StreamError, batch.results.last().error.message);
            return;
        }
        // Stopped early, and the flush made room without pausing: no readyRead comes for bytes
        // already in the socket's buffer, so go on here.
    } while (live && !m_readPaused && !m_closing && device->bytesAvailable() > 0 && outputHasRoom()
             && deliveryHasRoom({}));
    if (live && !m_readPaused && !m_closing && device->bytesAvailable() > 0 && !deliveryHasRoom({})) {
        m_deliveryWait = true;
        holdDuplicate(); // a write may fail meanwhile, and QTcpSocket's descriptor go with the peer's bytes
        Q_EMIT deliveryBlocked();
    }
}

void ServerConnection::readWhatTheKernelKept()
{
    // Under TLS the kernel holds ciphertext, which only the socket could decrypt. Held, the
    // server decodes nothing more (onReadyRead() left the socket's bytes too).
    if (m_tls->enabled || m_duplicate < 0 || m_readingHeld || m_reader.hasFailed())
        return;
    QByteArray kept = netcore::readWhatTheKernelKept(m_duplicate);
    if (kept.isEmpty())
        return;
    QBuffer device(&kept);
    device.open(QIODevice::ReadOnly);
    decodeFrom(&device, ReadMode::Remains);
}

void ServerConnection::onErrorOccurred(QAbstractSocket::SocketError error)
{
    if (m_closing)
        return;
    m_socketFailed = true; // nothing more can be sent: replies to the last frames are dropped
    // Asked first: the descriptor closes once the socket handles the end.
    if (m_tls->enabled && !static_cast<QSslSocket *>(m_socket)->isEncrypted()) {
        // Before the session: whatever broke, the handshake did not happen (a plaintext peer, most often).
        abortWith(DisconnectReason::TlsFailed, tr("TLS handshake failed: %1").arg(m_socket->errorString()));
        return;
    }
    const bool peerEnded = error == QAbstractSocket::RemoteHostClosedError;
    const PeerEnd end = m_duplicate >= 0 ? peerEndOf(m_duplicate, true)
                                         : peerEndOf(m_socket->socketDescriptor(), false);
    const bool reset = peerEnded && end == PeerEnd::Reset;
    // Frames that arrived just before the end still count, also those left unread while paused
    // or while the delivery backlog was full: first what the socket read, then what it left in
    // the kernel, in order. A server closing in two steps takes nothing more.
    m_readPaused = false;
    m_deliveryWait = false;
    QPointer<ServerConnection> self(this);
    if (!m_readingHeld && !m_reader.hasFailed())
        decodeFrom(m_socket, ReadMode::Remains);
    if (self && !m_closing)
        readWhatTheKernelKept();
    if (!self)
        return; // a slot shut the server down
    dropDuplicate();
    if (m_closing)
        return;
    m_closing = true;
    if (reset) {
        m_reason = DisconnectReason::PeerReset;
        m_detail = QStringLiteral("the peer reset the connection (RST)");
    } else if (peerEnded) {
        m_reason = DisconnectReason::PeerClosed;
        m_detail = QStringLiteral("the peer closed the connection (FIN: an orderly close, or a half-close)");
    } else {
        m_reason = DisconnectReason::SocketError;
        m_detail = m_socket->errorString();
    }
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        onDisconnected();
}

void ServerConnection::onDisconnected()
{
    if (m_closedReported)
        return;
    m_closedReported = true;
    // The socket wrote what it had and let its descriptor go: the orderly end takes over.
    if (m_orderlyClose)
        m_orderlyClose->finishWriting();
    dropDuplicate();
    if (!m_closing) {
        m_reason = DisconnectReason::PeerClosed;
        m_detail = QStringLiteral("the peer closed the connection (FIN: an orderly close, or a half-close)");
    }
    Q_EMIT closed(m_id, m_reason, m_detail);
    deleteLater();
}

} // namespace netcore
