// bench_script: how many messages a ScriptResponder's script handles per second in its own
// thread, with no sockets in between. This thread feeds received() as a netcore I/O thread
// would (keeping at most --window messages in flight, so the queue never drops one), and an
// outlet counts the replies. One row per script: the cost of the dispatch alone, then of the
// replies scripts typically give. Prints; asserts nothing about speed.
#include <engine/responders/responderoutlet.h>
#include <engine/responders/scriptresponder.h>

#include <netcore/connectioninfo.h>
#include <netcore/messageview.h>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QThread>

#include <atomic>
#include <cstdio>

using namespace wirebench;

namespace {

/** Counts what the script sends; reports nothing else. */
class CountingOutlet : public ResponderOutlet
{
public:
    bool send(quint64, const netcore::Message &) override
    {
        sent.fetch_add(1, std::memory_order_relaxed);
        return true;
    }
    int broadcast(const netcore::Message &) override { return 0; }
    void close(quint64) override {}
    void reset(quint64) override {}
    QList<quint64> connections() const override { return {1}; }
    QString peerOf(quint64) const override { return QStringLiteral("127.0.0.1:1"); }
    void log(quint64, const QString &) override {}
    void fail(quint64, const QString &, const QString &message) override
    {
        if (failed.fetch_add(1) == 0)
            std::fprintf(stderr, "bench_script: %s\n", qPrintable(message));
    }
    void schedule(int, std::function<void()>) override {}

    std::atomic<quint64> sent{0};
    std::atomic<quint64> failed{0};
};

struct Case
{
    const char *name;
    const char *script;
    bool replies;
};

const Case cases[] = {
    {"no reply", "function onMessage(conn, msg) {}", false},
    {"{text: msg.text}", "function onMessage(conn, msg) { return {text: msg.text}; }", true},
    {"{hex: msg.hex}", "function onMessage(conn, msg) { return {hex: msg.hex}; }", true},
    {"state + conn.send", "function onMessage(conn, msg) { conn.state.n = (conn.state.n || 0) + 1; "
                          "conn.send({text: '#' + conn.state.n}); }",
     true},
    {"{json: ...} of msg.json", "function onMessage(conn, msg) { return {json: {ok: msg.json.user === 'alice'}}; }", true},
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Messages per second a script handles in its own thread"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("messages"), QStringLiteral("messages per script (default 300000)"), QStringLiteral("N"),
                      QStringLiteral("300000")});
    parser.addOption({QStringLiteral("window"), QStringLiteral("messages in flight at most (default 16384)"),
                      QStringLiteral("N"), QStringLiteral("16384")});
    parser.addOption({QStringLiteral("case"), QStringLiteral("only the scripts whose name holds TEXT"), QStringLiteral("TEXT")});
    parser.process(app);
    const QString only = parser.value(QStringLiteral("case"));
    const quint64 messages = parser.value(QStringLiteral("messages")).toULongLong();
    const quint64 window = qMax<quint64>(1, parser.value(QStringLiteral("window")).toULongLong());

    // 64 B of JSON, so that every case has a text, a hex and a json to look at.
    QByteArray payload = R"({"user":"alice","pad":")";
    payload.append(QByteArray(64 - payload.size() - 2, 'x')).append("\"}");
    const netcore::MessageView view(netcore::MessageType::Json, payload);
    netcore::ConnectionInfo info;
    info.id = 1;
    info.peerAddress = QHostAddress::LocalHost;

    std::printf("%-26s %12s %10s\n", "script (64 B json)", "messages/s", "us/message");
    for (const Case &c : cases) {
        if (!QString::fromUtf8(c.name).contains(only))
            continue;
        QString error;
        const std::shared_ptr<ScriptResponder> responder =
            ScriptResponder::fromSource(QString::fromUtf8(c.script), QStringLiteral("bench.js"), 10000, &error);
        if (!responder) {
            std::fprintf(stderr, "bench_script: %s\n", qPrintable(error));
            return 1;
        }
        CountingOutlet outlet;
        responder->connected(outlet, info);
        QElapsedTimer timer;
        timer.start();
        for (quint64 pushed = 0; pushed < messages; ++pushed) {
            while (pushed - responder->handledMessages() >= window)
                QThread::usleep(100);
            responder->received(outlet, 1, view);
        }
        while (responder->handledMessages() < messages || (c.replies && outlet.sent.load() < messages)) {
            if (outlet.failed.load() > 0)
                return 1;
            QThread::usleep(100);
        }
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        std::printf("%-26s %12.0f %10.2f\n", c.name, double(messages) / seconds, seconds * 1e6 / double(messages));
    }
    return 0;
}
