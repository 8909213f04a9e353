#include <netcore/iothread.h>

#include "epolleventdispatcher.h"

namespace netcore {

std::unique_ptr<QThread> startIoThread(const QString &name, QString *why)
{
    std::unique_ptr<QAbstractEventDispatcher> dispatcher;
    if (!createIoEventDispatcher(&dispatcher, why))
        return nullptr;
    auto thread = std::make_unique<QThread>();
    thread->setObjectName(name);
    if (dispatcher)
        thread->setEventDispatcher(dispatcher.release());
    thread->start();
    if (!thread->isRunning()) {
        *why = QStringLiteral("the system refused a new thread");
        return nullptr;
    }
    return thread;
}

} // namespace netcore
