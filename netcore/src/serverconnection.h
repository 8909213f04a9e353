#pragma once

#include "connectioncounters.h"
#include "framereader.h"
#include "tlssettings.h"

#include <netcore/outputlimits.h>
#include <netcore/server.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtNetwork/QAbstractSocket>

#include <memory>

class QIODevice;
class QTcpSocket;
class QTimer;

namespace netcore {

class DeliveryGate;
class OrderlyClose;

/**
 * One accepted connection, living in (and only touched from) its I/O
 * thread: owns the socket and the decoder, counts traffic, and tells its
 * IoWorker what arrived and how it ended. Deletes itself after it closed.
 */
class ServerConnection : public QObject
{
    Q_OBJECT

public:
    /** @p limits, @p tls and @p gate belong to the IoWorker (same thread) and outlive the connection. */
    ServerConnection(quint64 id, const CodecConfig &codec, std::shared_ptr<ConnectionCounters> counters,
                     const OutputLimits *limits, const TlsSettings *tls, DeliveryGate *gate, QObject *parent);
    ~ServerConnection() override;

    /** Adopts an accepted descriptor; false (and the descriptor closed) on failure. */
    bool open(qintptr descriptor, QString *why);
    quint64 id() const { return m_id; }
    /** Runs @p handler on each message as it is decoded, before the batch is signalled. */
    void setMessageHandler(FrameReader::MessageHandler handler) { m_reader.setMessageHandler(std::move(handler)); }

    void write(const QByteArray &bytes, int messageCount);
    /** Encodes into the output buffer: no intermediate array. @p error is set if it cannot be encoded. */
    void writeMessage(const MessageView &message, const Codec &encoder, Error *error);
    /** Leaves what the peer sends unread until close(): nothing more is decoded. */
    void holdReading() { m_readingHeld = true; }
    /** The server's thread caught up (DeliveryGate): reads on if it waited for that. */
    void resumeAfterDelivery();
    /**
     * Starts closing: pending output is flushed (within the stall timeout), nothing more is
     * decoded, and the connection ends in order (see OrderlyClose, which takes over its end).
     */
    void close(DisconnectReason reason, const QString &detail);
    /**
     * Ends the connection with a reset (RST), reason ClosedLocally: what was written goes out as
     * far as the kernel takes it at once, the rest is dropped. Inside a read, after its replies.
     */
    void reset(const QString &detail);
    qint64 idleMsecs() const { return m_lastReceive.elapsed(); }

Q_SIGNALS:
    void decoded(quint64 connection, const QList<netcore::DecodeResult> &results);
    void closed(quint64 connection, netcore::DisconnectReason reason, const QString &detail);
    /** It stopped reading for the gate: resumeAfterDelivery() will come. */
    void deliveryBlocked();

private:
    void onReadyRead();
    enum class ReadMode {
        Live,    ///< the socket while the connection lives: stops for paused output and a full backlog
        Remains, ///< what is left after the peer's end: read whole, it is bounded and has no later
    };
    /** Decodes what @p device holds (the socket, or what the kernel kept) and hands it on. */
    void decodeFrom(QIODevice *device, ReadMode mode);
    /**
     * After the socket failed while reading was stopped: decodes what the kernel still holds
     * of the peer's bytes, read through m_duplicate (plaintext only). A socket whose write
     * fails closes its descriptor without reading it, and the peer's last frames would be lost.
     */
    void readWhatTheKernelKept();
    /** Keeps a duplicate of the socket's descriptor in m_duplicate, if there is none yet. */
    void holdDuplicate();
    void dropDuplicate();
    /** Drops the duplicate once neither full output nor a full backlog stops reading. */
    void dropDuplicateOnceReading();
    void onErrorOccurred(QAbstractSocket::SocketError error);
    void onDisconnected();
    bool canWrite() const;
    /** Hands the output gathered while corked to the socket in one write. */
    void flushOutput();
    /** Applies the output limits after output grew: pause reading, or give up on the peer. */
    void checkOutput();
    void onBytesWritten();
    void resumeReading();
    void startStallTimer();
    /** Starts the server side of the handshake, with its deadline. */
    void startEncryption();
    void onStalled();
    /** Closes at once, dropping unsent output, and reports @p reason. */
    void abortWith(DisconnectReason reason, const QString &detail);

    enum class PendingEnd { None, Close, Reset };
    void endAfterRead(PendingEnd end, DisconnectReason reason, const QString &detail);

    quint64 m_id;
    PendingEnd m_pendingEnd = PendingEnd::None; ///< close() or reset() asked while a read was handled
    DisconnectReason m_pendingReason = DisconnectReason::ClosedLocally;
    QString m_pendingDetail;
    FrameReader m_reader;
    std::shared_ptr<ConnectionCounters> m_counters;
    QTcpSocket *m_socket = nullptr;
    QElapsedTimer m_lastReceive;
    FrameReader::Batch m_batch; ///< reused: its list keeps its capacity between reads
    QByteArray m_output;  ///< replies gathered while a read batch is handled (corked)
    int m_outputMessages = 0; ///< messages encoded into m_output
    const OutputLimits *m_limits;
    const TlsSettings *m_tls;
    DeliveryGate *m_gate;
    QTimer *m_stallTimer = nullptr; ///< made when first needed: most connections never stall
    /**
     * A duplicate of the socket's descriptor while reading stopped (paused output, full backlog):
     * QTcpSocket closes its own when a write fails, and the peer's bytes in the kernel are read
     * through this one.
     */
    int m_duplicate = -1;
    QPointer<OrderlyClose> m_orderlyClose; ///< the end of a close() in progress; owned by the IoWorker
    bool m_readPaused = false;      ///< output above the high watermark: the peer's bytes wait in the kernel
    bool m_readingHeld = false;     ///< holdReading(): the server is closing in two steps
    bool m_deliveryWait = false;    ///< the server's thread has a full backlog: the peer's bytes wait
    bool m_corked = false;
    bool m_closing = false;
    bool m_socketFailed = false;
    bool m_closedReported = false;
    DisconnectReason m_reason = DisconnectReason::PeerClosed;
    QString m_detail;
};

} // namespace netcore
