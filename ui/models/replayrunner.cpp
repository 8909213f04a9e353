#include "replayrunner.h"

#include <QtCore/QThread>

namespace wirebench {

ReplayRunner::ReplayRunner(QObject *parent) : QObject(parent) {}

ReplayRunner::~ReplayRunner()
{
    stopThread();
}

void ReplayRunner::stopThread()
{
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void ReplayRunner::start(const Recording &recording, const ReplaySpec &spec)
{
    stopThread();
    m_running = true;
    m_outcome = {};
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("replay"));
    // The client is made in the thread, so its connections and timers live there; it goes with the thread.
    auto *home = new QObject;
    home->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, home, &QObject::deleteLater);
    m_thread->start();
    QMetaObject::invokeMethod(home, [this, home, recording, spec] {
        auto *client = new ReplayClient(recording, spec, home);
        const int conversations = client->conversationCount();
        const qint64 toSend = client->messagesToSend();
        // `this` lives in the GUI thread: these run there, queued.
        connect(client, &ReplayClient::progressed, this, [this, conversations, toSend](int done, qint64 sent) {
            Q_EMIT progressed(done, conversations, sent, toSend);
        });
        connect(client, &ReplayClient::finished, home, [this, client] {
            Outcome outcome{client->result(), client->expected(), client->replayed(), client->elapsedMsecs()};
            QMetaObject::invokeMethod(this, [this, outcome] {
                m_outcome = outcome;
                m_running = false;
                stopThread(); // its sockets close now, not when the next run starts
                Q_EMIT finished();
            }, Qt::QueuedConnection);
        });
        client->start();
    }, Qt::QueuedConnection);
}

} // namespace wirebench
