#pragma once

#include <engine/workspace.h>

#include <QtCore/QObject>

#include <memory>

namespace wirebench {

class Bench;
class BenchFeed;
class ChannelStatsModel;
class ClientListModel;
class EventLogModel;
class MessageLogModel;
class PayloadLibraryModel;
class PayloadSequenceModel;
class ProxyListModel;
class ServerListModel;

/**
 * Everything the window shows, without the window: the bench, the feed
 * that carries its traffic to the models, the models, the saved payloads
 * and the composer's sequence. Turns the bench into a workspace and back.
 */
class BenchSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(BenchSession)

public:
    explicit BenchSession(QObject *parent = nullptr);
    ~BenchSession() override;

    Bench *bench() const { return m_bench; }
    BenchFeed *feed() const { return m_feed; }
    MessageLogModel *logModel() const { return m_logModel; }
    EventLogModel *eventModel() const { return m_eventModel; }
    ServerListModel *serverModel() const { return m_serverModel; }
    ClientListModel *clientModel() const { return m_clientModel; }
    ChannelStatsModel *channelModel() const { return m_channelModel; }
    ProxyListModel *proxyModel() const { return m_proxyModel; }
    PayloadLibraryModel *payloadLibrary() const { return m_payloadLibrary; }
    PayloadSequenceModel *payloadSequence() const { return m_payloadSequence; }

    /**
     * The servers, clients, proxies (with their faults), saved payloads and sequence as the models
     * show them now. A server or proxy listening on "any port" is saved with the port it got, so
     * the clients saved with it find it again when the workspace is opened.
     */
    Workspace workspace() const;
    /**
     * Replaces every server, client, proxy, saved payload and the sequence with the workspace's, and
     * starts them: the servers first, then the proxies in front of them, then the clients.
     */
    void openWorkspace(const Workspace &workspace);
    /** Removes every server, client, proxy, saved payload and step of the sequence; empties the log and the events. */
    void clear();

    /** While not recording, log entries are dropped on arrival (see LogPage); everything else goes on. */
    void setLogRecording(bool recording);
    bool isLogRecording() const { return m_logRecording; }
    /** Log entries dropped because recording was off. */
    quint64 unrecordedEntries() const { return m_unrecordedEntries; }

private:
    Bench *m_bench = nullptr;                       ///< child
    BenchFeed *m_feed = nullptr;                    ///< child
    MessageLogModel *m_logModel = nullptr;          ///< child
    EventLogModel *m_eventModel = nullptr;          ///< child
    ServerListModel *m_serverModel = nullptr;       ///< child
    ClientListModel *m_clientModel = nullptr;       ///< child
    ChannelStatsModel *m_channelModel = nullptr;    ///< child
    ProxyListModel *m_proxyModel = nullptr;         ///< child
    PayloadLibraryModel *m_payloadLibrary = nullptr; ///< child
    PayloadSequenceModel *m_payloadSequence = nullptr; ///< child
    bool m_logRecording = true;
    quint64 m_unrecordedEntries = 0;
};

} // namespace wirebench
