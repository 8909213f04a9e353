#include "proxy.h"

#include "descriptoracceptor.h"
#include "linkrecord.h"
#include "linksetup.h"
#include "proxyobserver.h"
#include "proxyworker.h"

#include <netcore/endpoint.h>
#include <netcore/iothread.h>

#include <QtCore/QMutex>
#include <QtCore/QRandomGenerator>
#include <QtCore/QThread>
#include <QtNetwork/QHostInfo>

#include <algorithm>

namespace wirebench {

namespace {

/** Stands in for a proxy given no observer. */
class SilentObserver final : public ProxyObserver
{
public:
    void connected(quint64, const QString &) override {}
    void upstreamConnected(quint64, const QString &) override {}
    void message(quint64, ProxyDirection, const netcore::MessageView &) override {}
    void faultApplied(quint64, ProxyDirection, Fault::Kind, const netcore::MessageView &) override {}
    void error(quint64, std::optional<ProxyDirection>, const netcore::Error &) override {}
    void disconnected(quint64, ProxyEnd, const QString &) override {}
};

/** The address @p host names: an IP as it is, a name looked up (IPv4 first, as most servers listen on it). */
bool resolve(const QString &host, QHostAddress *address, QString *why)
{
    if (address->setAddress(host))
        return true;
    if (host == QLatin1String("localhost")) {
        *address = QHostAddress(QHostAddress::LocalHost);
        return true;
    }
    const QHostInfo info = QHostInfo::fromName(host);
    if (info.addresses().isEmpty()) {
        *why = QStringLiteral("the upstream host \"%1\" does not resolve: %2").arg(host, info.errorString());
        return false;
    }
    *address = info.addresses().constFirst();
    for (const QHostAddress &candidate : info.addresses()) {
        if (candidate.protocol() == QAbstractSocket::IPv4Protocol) {
            *address = candidate;
            break;
        }
    }
    return true;
}

} // namespace

QString proxyEndName(ProxyEnd end)
{
    switch (end) {
    case ProxyEnd::Client: return QStringLiteral("client");
    case ProxyEnd::Upstream: return QStringLiteral("upstream");
    case ProxyEnd::Proxy: return QStringLiteral("proxy");
    }
    return {};
}

class Proxy::Private
{
public:
    Private(Proxy *proxy, const ProxySpec &spec, ProxyObserver *observer)
        : q(proxy), spec(spec), observer(observer ? observer : &silent),
          acceptor([this](qintptr descriptor) { onAccepted(descriptor); })
    {
    }

    bool startThreads(const std::shared_ptr<const LinkSetup> &setup, QString *why);
    void stopThreads();
    void onAccepted(qintptr descriptor);
    void forget(quint64 id);

    Proxy *q;
    ProxySpec spec;
    SilentObserver silent;
    ProxyObserver *observer;
    DescriptorAcceptor acceptor;
    quint64 seed = 0;
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<ProxyWorker *> workers;
    size_t nextWorker = 0;
    quint64 nextId = 1;

    mutable QMutex mutex; // guards the fields below: connections() and the I/O threads' forget() come from anywhere
    std::shared_ptr<const LinkPlan> plan;
    QHash<quint64, std::shared_ptr<LinkRecord>> links;
};

bool Proxy::Private::startThreads(const std::shared_ptr<const LinkSetup> &setup, QString *why)
{
    for (int i = 0; i < spec.workers; ++i) {
        std::unique_ptr<QThread> thread = netcore::startIoThread(QStringLiteral("proxy-io-%1").arg(i), why);
        if (!thread) {
            stopThreads();
            return false;
        }
        auto *worker = new ProxyWorker(setup, [this](quint64 id) { forget(id); });
        worker->moveToThread(thread.get());
        threads.push_back(std::move(thread));
        workers.push_back(worker);
    }
    return true;
}

void Proxy::Private::stopThreads()
{
    for (ProxyWorker *worker : workers)
        QMetaObject::invokeMethod(worker, [worker] { worker->abortAll(QStringLiteral("proxy stopped")); },
                                  Qt::BlockingQueuedConnection);
    for (const std::unique_ptr<QThread> &thread : threads) {
        thread->quit();
        thread->wait();
    }
    for (ProxyWorker *worker : workers)
        delete worker; // its thread ended: nothing of it runs any more
    workers.clear();
    threads.clear();
}

void Proxy::Private::onAccepted(qintptr descriptor)
{
    ProxyWorker *worker = workers[nextWorker];
    nextWorker = (nextWorker + 1) % workers.size();
    auto record = std::make_shared<LinkRecord>(nextId++, worker);
    std::shared_ptr<const LinkPlan> current;
    {
        QMutexLocker lock(&mutex);
        links.insert(record->id, record);
        current = plan;
    }
    const int fd = int(descriptor);
    QMetaObject::invokeMethod(worker, [worker, fd, record, current] { worker->adopt(fd, record, current); },
                              Qt::QueuedConnection);
}

void Proxy::Private::forget(quint64 id)
{
    QMutexLocker lock(&mutex);
    links.remove(id);
}

Proxy::Proxy(const ProxySpec &spec, ProxyObserver *observer, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, spec, observer))
{
    d->plan = LinkPlan::from(spec.faults);
}

Proxy::~Proxy()
{
    stop();
}

ProxySpec Proxy::spec() const
{
    QMutexLocker lock(&d->mutex);
    return d->spec;
}

bool Proxy::start(QString *why)
{
    if (isListening())
        return true;
    if (!d->spec.validate(why))
        return false;
    auto setup = std::make_shared<LinkSetup>();
    if (!resolve(d->spec.upstreamHost, &setup->upstream, why))
        return false;
    QHostAddress listenAddress;
    if (!netcore::Endpoint::parseListenAddress(d->spec.listenHost, &listenAddress, why))
        return false;
    d->seed = d->spec.seed;
    while (d->seed == 0)
        d->seed = QRandomGenerator::system()->generate64() & ProxySpec::maxSeed;
    setup->upstreamPort = d->spec.upstreamPort;
    setup->codec = d->spec.codec;
    setup->frames = d->spec.decode || hasMessageFaults(d->spec.faults);
    setup->seed = d->seed;
    setup->observer = d->observer;
    if (!d->startThreads(setup, why))
        return false;
    if (!d->acceptor.listen(listenAddress, d->spec.listenPort)) {
        *why = QStringLiteral("cannot listen on %1: %2")
                   .arg(netcore::Endpoint::format(d->spec.listenHost, d->spec.listenPort), d->acceptor.errorString());
        d->stopThreads();
        return false;
    }
    return true;
}

void Proxy::stop()
{
    d->acceptor.close();
    d->stopThreads();
    QMutexLocker lock(&d->mutex);
    d->links.clear();
}

bool Proxy::isListening() const
{
    return d->acceptor.isListening();
}

QString Proxy::listenAddress() const
{
    return isListening() ? netcore::Endpoint::format(d->acceptor.serverAddress(), d->acceptor.serverPort()) : QString();
}

quint16 Proxy::port() const
{
    return isListening() ? d->acceptor.serverPort() : 0;
}

quint64 Proxy::seed() const
{
    return d->seed;
}

void Proxy::setFaults(const QList<Fault> &faults)
{
    auto plan = LinkPlan::from(faults);
    {
        QMutexLocker lock(&d->mutex);
        d->spec.faults = faults;
        d->plan = plan;
    }
    // Blocking: once this returns, every open connection follows the new faults (the next byte read meets them).
    for (ProxyWorker *worker : d->workers)
        QMetaObject::invokeMethod(worker, [worker, plan] { worker->setPlan(plan); }, Qt::BlockingQueuedConnection);
}

QList<Fault> Proxy::faults() const
{
    QMutexLocker lock(&d->mutex);
    return d->spec.faults;
}

bool Proxy::kick(quint64 connection)
{
    ProxyWorker *worker = nullptr;
    {
        QMutexLocker lock(&d->mutex);
        const auto record = d->links.value(connection);
        if (!record)
            return false;
        worker = record->worker;
    }
    QMetaObject::invokeMethod(worker, [worker, connection] { worker->kick(connection); }, Qt::QueuedConnection);
    return true;
}

QList<ProxyConnectionState> Proxy::connections() const
{
    QList<std::shared_ptr<LinkRecord>> records;
    {
        QMutexLocker lock(&d->mutex);
        records = d->links.values();
    }
    QList<ProxyConnectionState> states;
    states.reserve(records.size());
    for (const auto &record : std::as_const(records))
        states.append(record->snapshot());
    std::sort(states.begin(), states.end(),
              [](const ProxyConnectionState &a, const ProxyConnectionState &b) { return a.id < b.id; });
    return states;
}

} // namespace wirebench
