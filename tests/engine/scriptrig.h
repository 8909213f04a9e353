#pragma once

#include <engine/responders/responderhost.h>
#include <engine/responders/scriptresponder.h>

#include <tests/integration/testhelpers.h>
#include <tests/timefactor.h>

#include <netcore/netcore.h>

#include <QtCore/QObject>

#include <memory>

namespace scripttest {

/** What a ResponderHost reported, collected in the test's thread (the script emits from its own). */
class HostRecorder : public QObject
{
    Q_OBJECT

public:
    struct Report
    {
        quint64 connection = 0;
        QString code;
        QString message;
    };
    struct Line
    {
        quint64 connection = 0;
        QString text;
    };

    explicit HostRecorder(wirebench::ResponderHost &host)
    {
        // Auto connections: queued into this thread when the script thread emits.
        connect(&host, &wirebench::ResponderHost::failed, this,
                [this](quint64 connection, const QString &code, const QString &message) {
                    failures.append({connection, code, message});
                });
        connect(&host, &wirebench::ResponderHost::logged, this,
                [this](quint64 connection, const QString &text) { lines.append({connection, text}); });
    }

    QList<Report> failures;
    QList<Line> lines;
};

/**
 * A server on 127.0.0.1, its connections in one I/O thread, answered by a
 * script through a ResponderHost, and clients for it.
 */
class ScriptRig
{
public:
    explicit ScriptRig(const netcore::CodecConfig &codec = netcore::CodecConfig::envelope())
        : server(codec), host(&server), recorder(host), m_codec(codec)
    {
        server.setWorkers(1);
    }
    ~ScriptRig() { server.close(); } // before the host goes, as ResponderHost asks

    /** Loads @p source and listens; false, with why in error, if it does not load. */
    bool start(const QString &source, int timeoutMsecs = wirebench::ScriptResponder::defaultTimeoutMsecs)
    {
        responder = wirebench::ScriptResponder::fromSource(source, QStringLiteral("test.js"), timeoutMsecs, &error);
        if (!responder)
            return false;
        host.setResponder(responder);
        return server.listen(QHostAddress::LocalHost, 0);
    }

    std::unique_ptr<netcore::Client> connect() { return testing::connectedClient(server.serverPort(), m_codec); }

    /** The server's id of the only connection, or of the newest one. */
    quint64 newestConnection() const
    {
        const QList<quint64> ids = testing::connectionIds(server);
        return ids.isEmpty() ? 0 : ids.last();
    }

    netcore::Server server;
    wirebench::ResponderHost host;
    HostRecorder recorder;
    std::shared_ptr<wirebench::ScriptResponder> responder;
    QString error;

private:
    netcore::CodecConfig m_codec;
};

/** The next message @p client receives; an empty binary one if none comes in time. */
inline netcore::Message next(netcore::Client &client)
{
    return client.receive(testing::scaled(5000)).value_or(netcore::Message());
}

/** The next message's payload as text. */
inline QString nextText(netcore::Client &client)
{
    return next(client).toText();
}

} // namespace scripttest
