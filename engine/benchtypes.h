#pragma once

#include <engine/proxystate.h>
#include <engine/savedpayload.h>

#include <netcore/codecconfig.h>
#include <netcore/connectioninfo.h>
#include <netcore/enums.h>
#include <netcore/message.h>

#include <QtCore/QDateTime>
#include <QtCore/QHash>
#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QMetaType>
#include <QtCore/QString>

/*
 * The values that cross from the bench's I/O thread to the GUI thread. They
 * are plain copyable data: no pointers into the I/O thread.
 */
namespace wirebench {

/**
 * @p message as @p codec puts it on the wire: without channel and id where the codec has no room
 * for them. The bench logs what travels, so a reply (which comes back without them) lands in the
 * same Traffic row as what it answers.
 */
netcore::Message asCarriedBy(const netcore::CodecConfig &codec, const netcore::Message &message);

/** What a hosted server does with what it receives. */
enum class ServerMode {
    Silent,
    Echo,
    Relay,
    Rules,  ///< answers by ServerSpec::rules (a RulesResponder)
    Script, ///< answers by ServerSpec::script (a ScriptResponder)
};

/** "silent", "echo", "relay", "rules", "script": how workspaces and events name a mode. */
QString serverModeName(ServerMode mode);

/** Where a client on this machine reaches a server or proxy listening on @p address (0.0.0.0: 127.0.0.1). */
QString reachableHost(const QString &address);

/** A server to host, as the user configured it (and as a workspace stores it). */
struct ServerSpec
{
    QString name;
    QString address = QStringLiteral("127.0.0.1"); ///< an IP address, any, * or localhost (netcore::Endpoint::parseListenAddress())
    quint16 port = 0; ///< 0: any free port
    netcore::CodecConfig codec;
    int maxClients = 0;   ///< 0: unlimited
    int workers = 1;      ///< I/O threads of the netcore::Server
    ServerMode mode = ServerMode::Silent;
    int idleTimeoutMsecs = 0;
    QString tlsCertificateFile; ///< PEM; TLS is on when both files are set
    QString tlsKeyFile;         ///< PEM, unencrypted
    QString allow;              ///< peer ranges as netcore::PeerAllowList::parse() reads them; empty: everyone
    bool receipts = false;      ///< delivery receipts (netcore::Server::setDeliveryReceipts()); envelope codec only
    QJsonObject rules;          ///< a rules document (RuleBook), kept whatever the mode so that switching keeps it
    QString script;             ///< a script's source (ScriptResponder), kept likewise
    int scriptTimeoutMsecs = 1000;

    bool isTls() const { return !tlsCertificateFile.isEmpty() && !tlsKeyFile.isEmpty(); }
    bool hasResponder() const { return mode == ServerMode::Rules || mode == ServerMode::Script; }
    /** Equal but for what answers (mode, rules, script): a running server takes that without a restart. */
    bool differsOnlyInResponder(const ServerSpec &other) const;

    QJsonObject toJson() const;
    static ServerSpec fromJson(const QJsonObject &object);
    friend bool operator==(const ServerSpec &a, const ServerSpec &b);
};

/** A group of clients to spawn. */
struct ClientSpec
{
    QString name; ///< base name; spawned clients get "name 1", "name 2", ...
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    netcore::CodecConfig codec;
    bool autoReconnect = true;
    bool tls = false;
    QString caFile;        ///< PEM certificates to trust; empty: the system's CAs
    bool insecure = false; ///< with tls: accept any certificate (encrypted, but the server is not authenticated)
    bool receipts = false; ///< delivery receipts (netcore::Client::setDeliveryReceipts()); envelope codec only
    /** Send loginMessage first on every connection, the first and each reconnect (SpawnedClient). */
    bool login = false;
    /**
     * Its name is not used; kind json, text, binary or cbor, as PayloadBuilder builds them. The
     * content may hold {{seq}} (this client's logins so far, from 1), {{now}} and {{random:A-B}}.
     * Kept while login is off, so the user's text comes back when it is turned on again.
     */
    SavedPayload loginMessage;

    QJsonObject toJson() const;
    static ClientSpec fromJson(const QJsonObject &object);
    friend bool operator==(const ClientSpec &a, const ClientSpec &b);
};

/**
 * Which way a logged message went: into or out of a server or client of the bench, or through
 * a proxy, from its client to the upstream (c2s) or back (s2c).
 */
enum class Direction { In, Out, ClientToServer, ServerToClient };

/** "in", "out", "c2s" or "s2c": the log's exports and the CLI's events name them so. */
QString directionName(Direction direction);
/** The log's direction of a message a proxy passed on @p direction. */
Direction logDirection(ProxyDirection direction);

/** One row of the message log: a message seen in or out somewhere on the bench. */
struct LogEntry
{
    /**
     * Every row keeps at least this much of its payload; a longer one is cut
     * to it unless it is kept whole (the size column still tells the truth).
     */
    static constexpr int payloadKeepLimit = 64 * 1024;
    /**
     * A payload up to this size is kept whole while a memory budget allows
     * (TrafficCollector, MessageLogModel), so the inspector can show a whole
     * picture; a longer one is always cut. The default maximum frame size.
     */
    static constexpr int wholePayloadLimit = 16 * 1024 * 1024;
    /**
     * What whole payloads over payloadKeepLimit may add up to in one place that keeps entries
     * (the entries waiting for the GUI, the GUI's log); past it the oldest are cut.
     */
    static constexpr qint64 wholePayloadBudget = 64 * 1024 * 1024;

    /** True when the log kept less than the whole payload. */
    bool isPayloadCut() const { return size > message.payload().size(); }

    qint64 sequence = 0;    ///< increasing over the bench's life
    QDateTime time;
    Direction direction = Direction::In;
    QString endpoint;       ///< "server 1 #3 127.0.0.1:50000", "client 2" or "proxy 1 #4"
    int serverId = 0;       ///< 0 unless it is a server's
    quint64 connection = 0; ///< server side connection id, or the proxy's connection id
    int clientId = 0;       ///< 0 unless it is a client's
    int proxyId = 0;        ///< 0 unless it is a proxy's
    netcore::Message message; ///< payload possibly cut to payloadKeepLimit
    qint64 size = 0;        ///< the payload's real size
};

enum class EventKind { Connected, Disconnected, Refused, Error, ServerStarted, ServerStopped, Info };

/** One row of the events panel. */
struct BenchEvent
{
    QDateTime time;
    EventKind kind = EventKind::Info;
    QString endpoint;
    QString text;      ///< a readable sentence: reason, error message, ...
    netcore::ErrorCode code = netcore::ErrorCode::NoError;
};

/**
 * Cumulative traffic of one channel (both directions, all endpoints). A proxy stands in for the
 * server to its clients: what it passes on c2s counts as in, s2c as out, as a server counts them.
 */
struct ChannelStats
{
    QString channel;
    quint64 messagesIn = 0;
    quint64 bytesIn = 0;
    quint64 messagesOut = 0;
    quint64 bytesOut = 0;
    netcore::Message latest; ///< the last message seen on it, either direction (payload possibly truncated)
    QDateTime latestTime;

    /** Counts one message of @p size bytes that went @p direction: In and c2s as in, Out and s2c as out. */
    void count(Direction direction, qint64 size)
    {
        if (direction == Direction::In || direction == Direction::ClientToServer) {
            ++messagesIn;
            bytesIn += quint64(size);
        } else {
            ++messagesOut;
            bytesOut += quint64(size);
        }
    }
};

/** A hosted server as it is now. */
struct ServerState
{
    int id = 0;
    ServerSpec spec;   ///< as applied, with its name resolved ("server 1" when it was empty)
    bool listening = false;
    bool paused = false;
    quint16 boundPort = 0;
    QString error;     ///< why it is not listening, if it failed
    QList<netcore::ConnectionInfo> connections;
    QString recordingFile; ///< where its conversations are being recorded; empty when they are not
};

/** A spawned client as it is now. */
struct ClientState
{
    int id = 0;
    QString name;
    ClientSpec spec; ///< with spec.name == name: what a workspace stores, and Bench::addClient() takes back
    QString state; ///< "connecting", "connected", "reconnecting", "closed"
    QString problem; ///< while not connected: why (the last error or disconnect), empty when it was asked to close
    quint16 localPort = 0;
    quint64 messagesIn = 0;
    quint64 messagesOut = 0;
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    int unconfirmedMessages = 0; ///< with receipts: written, not confirmed by the server yet
    QString recordingFile; ///< where it is being recorded (with the clients recorded with it); empty when it is not
};

/**
 * What became of the messages of one send or of a load so far: one message
 * per destination (a client, a server connection, a broadcast's recipient).
 */
struct SendTally
{
    qint64 sent = 0;      ///< taken by a connected socket (and logged Out)
    qint64 queued = 0;    ///< waiting for a client that is connecting or reconnecting (logged Out once written)
    qint64 refused = 0;   ///< not taken: the client is closed or gone, its queue is full, ...
    QString firstRefusal; ///< why the first refused one was refused, in words

    qint64 count() const { return sent + queued + refused; }
    void add(const SendTally &other);
    void refuse(const QString &why);
    /** "not sent: why" for one message, "2 of 3 messages not sent: why" for more; empty if none was refused. */
    QString refusalSummary() const;
};

/** What became of one Bench::send(): @c ticket is the number that call returned. */
struct SendReport
{
    quint64 ticket = 0;
    SendTally messages;
};

/** Progress of the composer's load generator (Bench::startLoad(), a PacedSender), counted in messages. */
struct LoadProgress
{
    quint64 run = 0;            ///< which run, from 1 (0: none yet): a new number is a new run
    bool running = false;
    qint64 repetitions = 0;     ///< asked for: the composer's "N ×"
    qint64 repetitionsDone = 0; ///< gone through, refused ones included (== repetitions when it ran out)
    int destinations = 0;       ///< messages per repetition, counted when it started
    qint64 total = 0;           ///< messages asked for: repetitions × destinations
    SendTally messages;         ///< what became of the messages so far
};

/** Progress of the composer's sequence (Bench::startSequence(), a SequenceSender), counted in steps and messages. */
struct SequenceProgress
{
    quint64 run = 0;      ///< which run, from 1 (0: none yet): a new number is a new run
    bool running = false;
    int steps = 0;        ///< in the sequence
    int stepsDone = 0;    ///< sent, refused ones included (== steps when it ran out)
    int destinations = 0; ///< messages per step, counted when it started
    SendTally messages;   ///< what became of the messages so far
};

/**
 * Everything that happened since the previous batch: taken by the GUI on a
 * timer, applied with one model update per kind.
 */
struct TrafficBatch
{
    QList<LogEntry> entries;
    quint64 droppedEntries = 0; ///< log entries dropped because the GUI fell behind (since the previous batch)
    QList<BenchEvent> events;
    QHash<QString, ChannelStats> channels; ///< every channel, cumulative
    QList<ServerState> servers;             ///< every server, full snapshot
    QList<ClientState> clients;             ///< every client, full snapshot
    QList<ProxyState> proxies;              ///< every proxy, full snapshot
    LoadProgress load;
    SequenceProgress sequence;
    QList<SendReport> sends; ///< one per Bench::send() done since the previous batch, in order
};

} // namespace wirebench

Q_DECLARE_METATYPE(wirebench::LogEntry)
Q_DECLARE_METATYPE(wirebench::TrafficBatch)
