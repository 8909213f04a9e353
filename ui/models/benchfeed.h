#pragma once

#include <engine/benchtypes.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QPointer>

namespace wirebench {

class Bench;
class BenchPoller;
class ChannelStatsModel;
class ClientListModel;
class EventLogModel;
class MessageLogModel;
class ProxyListModel;
class ServerListModel;

/**
 * Carries the bench's traffic to the models, in the GUI thread: its
 * BenchPoller takes a batch on a timer and the feed applies it with one
 * update per model per tick, however many messages the batch holds. That
 * is what keeps a flood from freezing the window.
 *
 * The bench and the models are not owned; each model is optional and may
 * be deleted before the feed (it is then skipped).
 */
class BenchFeed : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(BenchFeed)

public:
    static constexpr int defaultHz = 30;

    explicit BenchFeed(Bench *bench, QObject *parent = nullptr);
    ~BenchFeed() override;

    void setLogModel(MessageLogModel *model);
    void setEventModel(EventLogModel *model);
    void setServerModel(ServerListModel *model);
    void setClientModel(ClientListModel *model);
    void setChannelModel(ChannelStatsModel *model);
    void setProxyModel(ProxyListModel *model);

    /** The poller that takes the batches (a child): others may follow them too, e.g. the demo. */
    BenchPoller *poller() const { return m_poller; }

    /** Applies a batch @p hz times a second (clamped to 1..1000) from the next event loop turn. */
    void start(int hz = defaultHz);
    void stop();
    bool isRunning() const;

    /** Takes and applies one batch now (what each tick does). */
    void applyNow();

    /** Log entries the bench dropped because the GUI fell behind, since the feed was made. */
    quint64 droppedEntries() const;

signals:
    /** A batch was applied to the models; widgets read the rest (load progress, ...) from it. */
    void batchApplied(const wirebench::TrafficBatch &batch);

private:
    void apply(const TrafficBatch &batch);

    BenchPoller *m_poller = nullptr; ///< child
    QPointer<MessageLogModel> m_logModel;
    QPointer<EventLogModel> m_eventModel;
    QPointer<ServerListModel> m_serverModel;
    QPointer<ClientListModel> m_clientModel;
    QPointer<ChannelStatsModel> m_channelModel;
    QPointer<ProxyListModel> m_proxyModel;
    QElapsedTimer m_clock; ///< monotonic time for the channel rates
};

} // namespace wirebench
