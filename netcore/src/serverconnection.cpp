#include "serverconnection.h"

#include "acceptor.h"

#include <QtCore/QPointer>
#include <QtNetwork/QTcpSocket>

namespace netcore {

ServerConnection::ServerConnection(quint64 id, const CodecConfig &codec,
                                   std::shared_ptr<ConnectionCounters> counters, QObject *parent)
    : QObject(parent), m_id(id), m_reader(codec), m_counters(std::move(counters))
{
    m_lastReceive.start();
}

bool ServerConnection::open(qintptr descriptor, QString *why)
{
    m_socket = new QTcpSocket(this);
    if (!m_socket->setSocketDescriptor(descriptor)) {
        *why = m_socket->errorString();
        closeDescriptor(descriptor); // not adopted, so nobody else will close it
        return false;
    }
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::readyRead, this, &ServerConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &ServerConnection::onErrorOccurred);
    connect(m_socket, &QTcpSocket::disconnected, this, &ServerConnection::onDisconnected);
    return true;
}

bool ServerConnection::canWrite() const
{
    return !m_closing && !m_socketFailed && m_socket->state() == QAbstractSocket::ConnectedState;
}

void ServerConnection::write(const QByteArray &bytes, int messageCount)
{
    if (!canWrite())
        return;
    if (m_corked)
        m_output.append(bytes);
    else
        m_socket->write(bytes);
    m_counters->bytesOut.fetch_add(quint64(bytes.size()), std::memory_order_relaxed);
    m_counters->messagesOut.fetch_add(quint64(messageCount), std::memory_order_relaxed);
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
}

void ServerConnection::close(DisconnectReason reason, const QString &detail)
{
    if (m_closing)
        return;
    m_closing = true;
    m_reason = reason;
    m_detail = detail;
    m_socket->disconnectFromHost();
}

void ServerConnection::onReadyRead()
{
    if (m_closing || m_reader.hasFailed()) {
        m_socket->readAll(); // keep the kernel buffer draining while we close
        return;
    }
    FrameReader::Batch &batch = m_batch;
    // Replies written while this read is handled in this thread, by the message
    // handler during decoding or by slots of decoded(), leave in one write.
    m_corked = true;
    m_reader.readFrom(m_socket, batch);
    if (batch.bytesRead > 0) {
        m_lastReceive.restart();
        m_counters->bytesIn.fetch_add(quint64(batch.bytesRead), std::memory_order_relaxed);
        m_counters->messagesIn.fetch_add(quint64(batch.messageCount), std::memory_order_relaxed);
    }
    if (!batch.results.isEmpty()) {
        QPointer<ServerConnection> self(this); // a slot may shut the server down
        Q_EMIT decoded(m_id, batch.results);
        if (!self)
            return;
    }
    m_corked = false;
    flushOutput();
    if (batch.streamFailed)
        close(DisconnectReason::StreamError, batch.results.last().error.message);
}

void ServerConnection::onErrorOccurred(QAbstractSocket::SocketError error)
{
    if (m_closing)
        return;
    m_socketFailed = true; // nothing more can be sent: replies to the last frames are dropped
    onReadyRead(); // frames that arrived just before the end still count
    if (m_closing)
        return;
    m_closing = true;
    if (error == QAbstractSocket::RemoteHostClosedError) {
        m_reason = DisconnectReason::PeerClosed;
        m_detail = QStringLiteral("the peer closed the connection");
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
    if (!m_closing) {
        m_reason = DisconnectReason::PeerClosed;
        m_detail = QStringLiteral("the peer closed the connection");
    }
    Q_EMIT closed(m_id, m_reason, m_detail);
    deleteLater();
}

} // namespace netcore
