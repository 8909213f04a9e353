/*
 * qt_socket_echo: what QTcpSocket alone allows, the ceiling of any server
 * built on it. A QTcpServer whose connections echo every byte they read,
 * parsing nothing, in the main thread on Qt's own event dispatcher.
 *
 * tests/bench/run measures it beside the C reference and wirebench for the
 * cases where a QTcpSocket-based server's cost shows: it tells which part
 * of a gap to the reference is the socket layer's, and which is netcore's.
 *
 *   qt_socket_echo PORT        prints "listening on 127.0.0.1:PORT"
 */
#include <QtCore/QCoreApplication>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <cstdio>

namespace {

class EchoServer : public QTcpServer
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
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            static char chunk[64 * 1024];
            for (qint64 got; (got = socket->read(chunk, sizeof chunk)) > 0;)
                socket->write(chunk, got);
            socket->flush();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    bool ok = false;
    const quint16 port = argc == 2 ? QByteArray(argv[1]).toUShort(&ok) : 0;
    if (!ok) {
        std::fprintf(stderr, "usage: qt_socket_echo PORT\n");
        return 2;
    }
    EchoServer server;
    if (!server.listen(QHostAddress::LocalHost, port)) {
        std::fprintf(stderr, "qt_socket_echo: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    std::printf("listening on 127.0.0.1:%u\n", unsigned(port));
    std::fflush(stdout);
    return app.exec();
}
