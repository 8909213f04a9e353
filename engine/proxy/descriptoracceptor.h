#pragma once

#include <QtNetwork/QTcpServer>

#include <functional>

namespace wirebench {

/** A listening socket that hands each accepted descriptor on as it is: the I/O thread that serves it wraps it. */
class DescriptorAcceptor : public QTcpServer
{
    Q_OBJECT

public:
    explicit DescriptorAcceptor(std::function<void(qintptr)> onAccepted, QObject *parent = nullptr)
        : QTcpServer(parent), m_onAccepted(std::move(onAccepted))
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override { m_onAccepted(descriptor); }

private:
    std::function<void(qintptr)> m_onAccepted;
};

} // namespace wirebench
