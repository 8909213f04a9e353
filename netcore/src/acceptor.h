#pragma once

#include <QtNetwork/QTcpServer>

#include <functional>

namespace netcore {

/**
 * A listening socket that hands each accepted descriptor to a callback
 * instead of wrapping it in a QTcpSocket here: the socket must be created
 * in the I/O thread that will use it.
 */
class Acceptor : public QTcpServer
{
    Q_OBJECT

public:
    using DescriptorHandler = std::function<void(qintptr descriptor)>;

    explicit Acceptor(DescriptorHandler handler, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    DescriptorHandler m_handler;
};

/** The peer of an accepted descriptor; false if the socket is already gone. */
bool peerOfDescriptor(qintptr descriptor, QHostAddress *address, quint16 *port);
/** Closes a descriptor that no QTcpSocket adopted. */
void closeDescriptor(qintptr descriptor);

} // namespace netcore
