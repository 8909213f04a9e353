/*
 * qt_socket_echo: what QTcpSocket alone allows, the ceiling of any server
 * built on it. Its connections echo every byte they read, parsing nothing.
 *
 *   --dispatcher epoll (default)  arranged as netcore arranges a server with one
 *                                 I/O thread: the main thread accepts and hands each
 *                                 descriptor to an I/O thread on netcore's epoll
 *                                 event dispatcher, where its QTcpSocket lives
 *   --dispatcher qt               everything in the main thread, on Qt's own dispatcher
 *
 * tests/bench/run measures it beside the C reference and wirebench: it tells
 * which part of a gap to the reference is the socket layer's, and which is
 * netcore's.
 *
 *   qt_socket_echo PORT [--dispatcher epoll|qt]   prints "listening on 127.0.0.1:PORT"
 */
#include <netcore/src/epolleventdispatcher.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QThread>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

/** Makes @p descriptor a QTcpSocket of the calling thread that echoes what it reads. */
void echoOn(qintptr descriptor, QObject *parent)
{
    auto *socket = new QTcpSocket(parent);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
        thread_local char chunk[64 * 1024];
        for (qint64 got; (got = socket->read(chunk, sizeof chunk)) > 0;)
            socket->write(chunk, got);
        socket->flush();
    });
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

class EchoServer : public QTcpServer
{
public:
    /** @p ioContext: an object of the I/O thread, or none to echo in this thread. */
    explicit EchoServer(QObject *ioContext) : m_ioContext(ioContext) {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        if (!m_ioContext) {
            echoOn(descriptor, this);
            return;
        }
        QObject *context = m_ioContext;
        QMetaObject::invokeMethod(context, [descriptor, context] { echoOn(descriptor, context); },
                                  Qt::QueuedConnection);
    }

private:
    QObject *m_ioContext;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    bool ok = argc == 2 || (argc == 4 && std::strcmp(argv[2], "--dispatcher") == 0
                            && (std::strcmp(argv[3], "epoll") == 0 || std::strcmp(argv[3], "qt") == 0));
    const quint16 port = ok ? QByteArray(argv[1]).toUShort(&ok) : 0;
    if (!ok) {
        std::fprintf(stderr, "usage: qt_socket_echo PORT [--dispatcher epoll|qt]\n");
        return 2;
    }
    const bool epoll = argc == 2 || std::strcmp(argv[3], "epoll") == 0;

    QThread ioThread;
    ioThread.setObjectName(QStringLiteral("echo-io"));
    QObject ioContext; // the I/O thread's: its sockets are its children
    if (epoll) {
        std::unique_ptr<QAbstractEventDispatcher> dispatcher;
        QString why;
        if (!netcore::createIoEventDispatcher(&dispatcher, &why)) {
            std::fprintf(stderr, "qt_socket_echo: %s\n", qPrintable(why));
            return 1;
        }
        ioThread.setEventDispatcher(dispatcher.release());
        ioContext.moveToThread(&ioThread);
        ioThread.start();
    }
    EchoServer server(epoll ? &ioContext : nullptr);
    if (!server.listen(QHostAddress::LocalHost, port)) {
        std::fprintf(stderr, "qt_socket_echo: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    std::printf("listening on 127.0.0.1:%u\n", unsigned(port));
    std::fflush(stdout);
    const int exitCode = app.exec();
    if (epoll) {
        // The sockets go with their thread's objects, in that thread.
        QMetaObject::invokeMethod(&ioContext, [&ioContext] { qDeleteAll(ioContext.children()); },
                                  Qt::BlockingQueuedConnection);
        ioThread.quit();
        ioThread.wait();
    }
    return exitCode;
}
