#include "bench.h"

#include <engine/benchworker.h>
#include <engine/trafficcollector.h>

#include <QtCore/QMutex>
#include <QtCore/QRegularExpression>
#include <QtCore/QThread>

#include <atomic>

namespace wirebench {

class Bench::Private
{
public:
    /** Runs @p task with the worker in the I/O thread, after every command posted before it. */
    template <typename Task> void post(Task task)
    {
        BenchWorker *target = worker;
        QMetaObject::invokeMethod(target, [target, task = std::move(task)] { task(target); }, Qt::QueuedConnection);
    }

    /** post() of a proxy command; the snapshot follows the burst of commands. */
    template <typename Task> void postToProxies(Task task)
    {
        post([task = std::move(task)](BenchWorker *worker) {
            task(worker->proxies());
            worker->publishSoon();
        });
    }

    QString nextClientName(const QString &spelledBase);
    void noteClientName(const QString &name);

    TrafficCollector collector{Bench::defaultPendingEntryLimit};
    QThread thread;
    BenchWorker *worker = nullptr; ///< lives in `thread`; deleted there when it finishes

    // Ids are handed out in the caller's thread, so commands can return them at once.
    std::atomic<int> nextServerId{1};
    std::atomic<int> nextClientId{1};
    std::atomic<int> nextProxyId{1};
    std::atomic<quint64> nextSendTicket{1};

    QMutex namesMutex; // guards clientNumbers
    QHash<QString, int> clientNumbers; ///< the last number given per base name
};

QString Bench::Private::nextClientName(const QString &spelledBase)
{
    const QString base = spelledBase.isEmpty() ? QStringLiteral("client") : spelledBase;
    QMutexLocker lock(&namesMutex);
    const int number = ++clientNumbers[base];
    return QStringLiteral("%1 %2").arg(base).arg(number);
}

void Bench::Private::noteClientName(const QString &name)
{
    // "sensor 7" taken by hand: the next spawned "sensor" is "sensor 8", not a second "sensor 7".
    static const QRegularExpression numbered(QStringLiteral("^(.*) (\\d+)$"));
    const QRegularExpressionMatch match = numbered.match(name);
    if (!match.hasMatch())
        return;
    QMutexLocker lock(&namesMutex);
    int &last = clientNumbers[match.captured(1)];
    last = qMax(last, match.captured(2).toInt());
}

Bench::Bench(QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->thread.setObjectName(QStringLiteral("bench-io"));
    d->worker = new BenchWorker(&d->collector);
    d->worker->moveToThread(&d->thread);
    // Deleted in its own thread, together with every server and client it owns.
    connect(&d->thread, &QThread::finished, d->worker, &QObject::deleteLater);
    d->thread.start();
    d->post([](BenchWorker *worker) { worker->begin(); });
}

Bench::~Bench()
{
    d->thread.quit();
    d->thread.wait();
}

int Bench::addServer(const ServerSpec &spec, bool start)
{
    const int id = d->nextServerId++;
    d->post([id, spec, start](BenchWorker *worker) { worker->addServer(id, spec, start); });
    return id;
}

void Bench::updateServer(int id, const ServerSpec &spec)
{
    d->post([id, spec](BenchWorker *worker) { worker->updateServer(id, spec); });
}

void Bench::startServer(int id)
{
    d->post([id](BenchWorker *worker) { worker->startServer(id); });
}

void Bench::stopServer(int id)
{
    d->post([id](BenchWorker *worker) { worker->stopServer(id); });
}

void Bench::setServerPaused(int id, bool paused)
{
    d->post([id, paused](BenchWorker *worker) { worker->setServerPaused(id, paused); });
}

void Bench::removeServer(int id)
{
    d->post([id](BenchWorker *worker) { worker->removeServer(id); });
}

void Bench::kick(int serverId, quint64 connection)
{
    d->post([serverId, connection](BenchWorker *worker) { worker->kick(serverId, connection); });
}

QList<int> Bench::spawnClients(const ClientSpec &spec, int count)
{
    QList<int> ids;
    QStringList names;
    for (int i = 0; i < count; ++i) {
        ids.append(d->nextClientId++);
        names.append(d->nextClientName(spec.name));
    }
    if (!ids.isEmpty()) {
        d->post([ids, names, spec](BenchWorker *worker) {
            for (int i = 0; i < ids.size(); ++i)
                worker->addClient(ids.at(i), names.at(i), spec);
        });
    }
    return ids;
}

int Bench::addClient(const ClientSpec &spec)
{
    if (spec.name.isEmpty())
        return spawnClients(spec, 1).constFirst();
    const int id = d->nextClientId++;
    d->noteClientName(spec.name);
    d->post([id, spec](BenchWorker *worker) { worker->addClient(id, spec.name, spec); });
    return id;
}

void Bench::connectClient(int id)
{
    d->post([id](BenchWorker *worker) { worker->connectClient(id); });
}

void Bench::disconnectClient(int id)
{
    d->post([id](BenchWorker *worker) { worker->disconnectClient(id); });
}

void Bench::removeClient(int id)
{
    d->post([id](BenchWorker *worker) { worker->removeClient(id); });
}

quint64 Bench::send(const SendTarget &target, const netcore::Message &message)
{
    return send(target, ComposedPayload(message));
}

quint64 Bench::send(const SendTarget &target, const ComposedPayload &payload)
{
    const quint64 ticket = d->nextSendTicket++;
    d->post([ticket, target, payload](BenchWorker *worker) { worker->send(ticket, target, payload); });
    return ticket;
}

void Bench::startLoad(const SendTarget &target, const netcore::Message &message, qint64 count, int ratePerSecond)
{
    startLoad(target, ComposedPayload(message), count, ratePerSecond);
}

void Bench::startLoad(const SendTarget &target, const ComposedPayload &payload, qint64 count, int ratePerSecond)
{
    d->post([target, payload, count, ratePerSecond](BenchWorker *worker) {
        worker->startLoad(target, payload, count, ratePerSecond);
    });
}

void Bench::stopLoad()
{
    d->post([](BenchWorker *worker) { worker->stopLoad(); });
}

void Bench::startSequence(const SendTarget &target, const QList<ComposedPayload> &steps, int delayMsecs)
{
    d->post([target, steps, delayMsecs](BenchWorker *worker) { worker->startSequence(target, steps, delayMsecs); });
}

void Bench::stopSequence()
{
    d->post([](BenchWorker *worker) { worker->stopSequence(); });
}

int Bench::addProxy(const ProxySpec &spec, bool start)
{
    const int id = d->nextProxyId++;
    d->postToProxies([id, spec, start](BenchProxies &proxies) { proxies.add(id, spec, start); });
    return id;
}

void Bench::updateProxy(int id, const ProxySpec &spec)
{
    d->postToProxies([id, spec](BenchProxies &proxies) { proxies.update(id, spec); });
}

void Bench::startProxy(int id)
{
    d->postToProxies([id](BenchProxies &proxies) { proxies.start(id); });
}

void Bench::stopProxy(int id)
{
    d->postToProxies([id](BenchProxies &proxies) { proxies.stop(id); });
}

void Bench::removeProxy(int id)
{
    d->postToProxies([id](BenchProxies &proxies) { proxies.remove(id); });
}

void Bench::kickProxyConnection(int id, quint64 connection)
{
    d->postToProxies([id, connection](BenchProxies &proxies) { proxies.kick(id, connection); });
}

void Bench::setProxyFaults(int id, const QList<Fault> &faults)
{
    d->postToProxies([id, faults](BenchProxies &proxies) { proxies.setFaults(id, faults); });
}

void Bench::recordServer(int id, const QString &fileName)
{
    d->post([id, fileName](BenchWorker *worker) { worker->recordServer(id, fileName); });
}

void Bench::recordClients(const QList<int> &ids, const QString &fileName)
{
    d->post([ids, fileName](BenchWorker *worker) { worker->recordClients(ids, fileName); });
}

void Bench::recordProxy(int id, const QString &fileName)
{
    d->postToProxies([id, fileName](BenchProxies &proxies) { proxies.record(id, fileName); });
}

void Bench::clear()
{
    {
        QMutexLocker lock(&d->namesMutex);
        d->clientNumbers.clear();
    }
    d->post([](BenchWorker *worker) { worker->clear(); });
}

TrafficBatch Bench::takeBatch()
{
    return d->collector.take();
}

void Bench::setPendingEntryLimit(int limit)
{
    d->collector.setPendingEntryLimit(limit);
}

} // namespace wirebench
