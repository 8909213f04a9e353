#pragma once

#include <engine/benchtypes.h>

#include <QtCore/QObject>
#include <QtCore/QTimer>

namespace wirebench {

class Bench;
class BenchPoller;

/**
 * What `wirebench --demo` runs: a relaying server, three clients (alice,
 * bob, carol) and a scripted exchange that keeps every panel alive:
 *
 *   chat      json    a client says something; the server relays it to the others
 *   telemetry binary  the server broadcasts counters: u32 sequence, u32 uptime ms,
 *                     i16 temperature x100, u16 load per mille (big endian, 12 bytes)
 *   image     binary  a client sends a small PNG drawn at run time (GaugeImage)
 *
 * It follows the bench through the poller's batches: it spawns the clients
 * once the server listens, starts talking once they are connected, and
 * says settled() when a few rounds have gone by.
 */
class DemoScript : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(DemoScript)

public:
    static constexpr int stepIntervalMsecs = 300;
    /** Steps after the clients connect before settled() (about two seconds). */
    static constexpr int settleSteps = 7;

    /** @p bench and @p poller are not owned and must outlive the script. */
    DemoScript(Bench *bench, BenchPoller *poller, QObject *parent = nullptr);
    ~DemoScript() override;

    void start();
    void stop();
    bool isSettled() const { return m_settled; }

signals:
    void settled();

private:
    void onBatchTaken(const TrafficBatch &batch);
    void step();

    Bench *m_bench = nullptr;
    int m_serverId = 0;
    QList<int> m_clientIds;
    bool m_clientsConnected = false;
    bool m_settled = false;
    int m_step = 0;
    QTimer m_stepTimer;
};

} // namespace wirebench
