#pragma once

#include <engine/recording/recordedevent.h>
#include <engine/recording/recordingheader.h>
#include <engine/recording/recordingwriter.h>

#include <netcore/enums.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QMutex>

#include <optional>

namespace netcore {
struct Error;
class MessageView;
}

namespace wirebench {

/**
 * Records a live conversation into a recording file as it happens: each
 * call stamps the event with the time since start() and writes it (through
 * a RecordingWriter). Thread-safe: a proxy's I/O threads, a server's and
 * the main thread may all record; the file's lines stay in time order.
 */
class Recorder
{
public:
    /** Who ended a connection, as the recording names it. */
    static QString sideName(bool byServer) { return byServer ? QStringLiteral("server") : QStringLiteral("client"); }
    /**
     * Whether a connection that ended for @p reason was ended by the server, seen from the side
     * that recorded it (@p recordedByServer: a server's own recording, else a client's).
     */
    static bool endedByServer(netcore::DisconnectReason reason, bool recordedByServer);

    Recorder() = default;
    Recorder(const Recorder &) = delete;
    Recorder &operator=(const Recorder &) = delete;

    /** Creates @p fileName with the header, @p recorder naming what records; false, with @p error, if it cannot. */
    bool start(const QString &fileName, const netcore::CodecConfig &codec, const QString &recorder, QString *error);
    bool isRecording() const { return m_writer.isOpen(); }

    void connected(quint64 connection, const QString &peer);
    void message(quint64 connection, ProxyDirection direction, const netcore::Message &message);
    void message(quint64 connection, ProxyDirection direction, const netcore::MessageView &message);
    void error(quint64 connection, std::optional<ProxyDirection> direction, const netcore::Error &error);
    /** An error a netcore side reports: a decoding one is about what came @p incoming, others have no direction. */
    void error(quint64 connection, const netcore::Error &error, ProxyDirection incoming);
    /** A connection ended: @p side "client", "server" or "proxy"; @p reason a DisconnectReason's name or the like. */
    void disconnected(quint64 connection, const QString &side, const QString &reason, const QString &detail = {});
    /** A disconnect as a netcore side reports it (see endedByServer()). */
    void disconnected(quint64 connection, netcore::DisconnectReason reason, const QString &detail, bool recordedByServer);
    /** Any other event: its @p name and @p fields (past "t_us", "conn", "event"). */
    void other(quint64 connection, const QString &name, const QJsonObject &fields);

    /** Writes what is left; false, with @p error, if any write failed. */
    bool finish(QString *error);

private:
    void record(RecordedEvent event);

    QMutex m_mutex; ///< stamps and appends in one go, so the file stays in time order
    QElapsedTimer m_clock;
    RecordingWriter m_writer;
};

} // namespace wirebench
