/*
 * qt_framed_echo: the envelope echo a Qt user writes by hand, to measure
 * netcore against. QTcpServer and QTcpSocket in the main thread on Qt's own
 * event dispatcher; each read takes readAll(), finds whole envelope frames by
 * their header (4-byte big-endian N, then N bytes) and write()s each frame
 * back. It checks nothing else, as such code mostly does.
 *
 *   qt_framed_echo PORT        prints "listening on 127.0.0.1:PORT"
 */
#include <QtCore/QCoreApplication>
#include <QtCore/QtEndian>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <cstdio>

namespace {

constexpr qsizetype headerSize = 4;
constexpr quint32 maxFrame = 16 * 1024 * 1024; // envelope's default maxFrameSize

/** One connection: its socket, and what arrived of a frame not yet whole. */
class FramedConnection : public QObject
{
public:
    explicit FramedConnection(QTcpSocket *socket) : QObject(socket), m_socket(socket)
    {
        connect(socket, &QTcpSocket::readyRead, this, &FramedConnection::echoWholeFrames);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    void echoWholeFrames()
    {
        m_pending.append(m_socket->readAll());
        qsizetype at = 0;
        while (m_pending.size() - at >= headerSize) {
            const quint32 length = qFromBigEndian<quint32>(m_pending.constData() + at);
            if (length > maxFrame) {
                m_socket->abort();
                return;
            }
            if (m_pending.size() - at < headerSize + qsizetype(length))
                break;
            m_socket->write(m_pending.constData() + at, headerSize + qsizetype(length));
            at += headerSize + qsizetype(length);
        }
        m_pending.remove(0, at);
    }

    QTcpSocket *m_socket;
    QByteArray m_pending;
};

class FramedEcho : public QTcpServer
{
protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        new FramedConnection(socket);
    }
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    bool ok = false;
    const quint16 port = argc == 2 ? QByteArray(argv[1]).toUShort(&ok) : 0;
    if (!ok) {
        std::fprintf(stderr, "usage: qt_framed_echo PORT\n");
        return 2;
    }
    FramedEcho server;
    if (!server.listen(QHostAddress::LocalHost, port)) {
        std::fprintf(stderr, "qt_framed_echo: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    std::printf("listening on 127.0.0.1:%u\n", unsigned(port));
    std::fflush(stdout);
    return app.exec();
}
