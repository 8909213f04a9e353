#include "benchcommand.h"

#include <app/cli/codecoptions.h>
#include <app/cli/commandline.h>
#include <app/cli/eventprinter.h>
#include <app/cli/exitcodes.h>

#include <engine/loadtest.h>

#include <netcore/endpoint.h>

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <algorithm>

namespace wirebench::cli {

namespace {

/** The replies that were not what was sent, counted by kind. */
QString mismatches(const LoadResult &result)
{
    return QStringLiteral("%1 with other bytes, %2 of another length, %3 nobody asked for")
        .arg(result.differingFrames).arg(result.wrongLengthFrames).arg(result.unaskedFrames);
}

QList<OptionSpec> benchSpecs()
{
    QList<OptionSpec> specs{
        {QStringLiteral("connections"), QStringLiteral("N"),
         QStringLiteral("active connections (default 1; 0 with --idle: only hold those)")},
        {QStringLiteral("inflight"), QStringLiteral("W"),
         QStringLiteral("frames each connection keeps in flight (default 1: ping-pong)")},
        {QStringLiteral("size"), QStringLiteral("BYTES"), QStringLiteral("payload bytes of each frame (default 64)")},
        {QStringLiteral("duration"), QStringLiteral("S"), QStringLiteral("seconds measured (default 10; decimals allowed)")},
        {QStringLiteral("warmup"), QStringLiteral("S"),
         QStringLiteral("seconds of load before measuring (default 0)")},
        {QStringLiteral("idle"), QStringLiteral("N"),
         QStringLiteral("extra connections opened first and never used (default 0)")},
    };
    specs += CodecOptions::specs();
    specs += {
        {QStringLiteral("json"), {}, QStringLiteral("print the result as one JSON object")},
        {QStringLiteral("help"), {}, QStringLiteral("show this help")},
    };
    return specs;
}

bool seconds(const CommandLine &commandLine, const QString &name, double min, qint64 *nanoseconds, QString *error)
{
    if (!commandLine.isSet(name))
        return true;
    bool ok = false;
    const double value = commandLine.value(name).toDouble(&ok);
    if (!ok || !(value >= min) || value > 86400) {
        *error = QStringLiteral("--%1 must be a number of seconds from %2 to 86400, not \"%3\"")
                     .arg(name).arg(min).arg(commandLine.value(name));
        return false;
    }
    *nanoseconds = qint64(value * 1e9);
    return true;
}

} // namespace

QString BenchCommand::usage()
{
    return QStringLiteral("Usage: wirebench-cli bench HOST:PORT [options]\n\n"
                          "Loads an echo server: each of N connections keeps W frames in flight and\n"
                          "sends one more for every frame echoed. Reports echoed frames/s, payload\n"
                          "MB/s (10^6 bytes) and the round-trip latency (p50, p99, max).\n"
                          "Exit codes: 0 measured, 1 cannot connect or a connection failed,\n"
                          "2 bad arguments.\n\nOptions:\n")
        + CommandLine::describe(benchSpecs());
}

int BenchCommand::parse(const QStringList &arguments, LoadPlan *plan)
{
    CommandLine commandLine;
    QString error;
    if (!commandLine.parse(arguments, benchSpecs(), &error))
        return CommandLine::usageError(error, usage());
    if (commandLine.isSet(QStringLiteral("help")))
        return CommandLine::printHelp(usage());
    if (commandLine.positional().size() != 1)
        return CommandLine::usageError(QStringLiteral("bench needs exactly one HOST:PORT"), usage());
    netcore::Endpoint endpoint;
    if (!netcore::Endpoint::parse(commandLine.positional().first(), QStringLiteral("127.0.0.1"), &endpoint, &error))
        return CommandLine::usageError(error, usage());
    if (endpoint.port == 0)
        return CommandLine::usageError(QStringLiteral("HOST:PORT needs a port"), usage());
    plan->host = endpoint.host;
    plan->port = endpoint.port;
    m_target = endpoint.toString();

    qint64 connections = plan->connections, inflight = plan->inflight, idle = plan->idle, size = m_payloadSize;
    plan->durationNs = 10 * qint64(1000000000);
    if (!commandLine.integer(QStringLiteral("connections"), 0, 1000000, &connections, &error)
        || !commandLine.integer(QStringLiteral("inflight"), 1, 1000000, &inflight, &error)
        || !commandLine.integer(QStringLiteral("idle"), 0, 1000000, &idle, &error)
        || !commandLine.integer(QStringLiteral("size"), 1, 1 << 30, &size, &error)
        || !seconds(commandLine, QStringLiteral("duration"), 0.001, &plan->durationNs, &error)
        || !seconds(commandLine, QStringLiteral("warmup"), 0, &plan->warmupNs, &error))
        return CommandLine::usageError(error, usage());
    if (connections == 0 && idle == 0)
        return CommandLine::usageError(QStringLiteral("--connections 0 needs --idle: there is nothing to do"), usage());
    plan->connections = int(connections);
    plan->inflight = int(inflight);
    plan->idle = int(idle);
    m_payloadSize = size;
    m_json = commandLine.isSet(QStringLiteral("json"));

    if (!CodecOptions::toConfig(commandLine, &plan->codec, &error))
        return CommandLine::usageError(error, usage());
    m_codecName = commandLine.value(QStringLiteral("codec"), QStringLiteral("envelope"));
    if (!LoadTest::makePattern(plan->codec, m_payloadSize, plan->inflight, &plan->pattern, &error))
        return CommandLine::usageError(QStringLiteral("--size %1: %2").arg(size).arg(error), usage());
    return -1;
}

int BenchCommand::run(const QStringList &arguments)
{
    LoadPlan plan;
    const int parseResult = parse(arguments, &plan);
    if (parseResult >= 0)
        return parseResult;
    QString error;
    if (!LoadTest::ensureDescriptors(qint64(plan.connections) + plan.idle, &error)) {
        CommandLine::printError(error);
        return ExitFailure;
    }

    LoadTest generator(plan);
    if (!generator.run()) {
        CommandLine::printError(generator.errorString());
        return ExitFailure;
    }
    const LoadResult &result = generator.result();
    report(plan, result);
    if (result.repliesMatched())
        return ExitOk;
    CommandLine::printError(QStringLiteral("the replies were not what was sent: %1").arg(mismatches(result)));
    return ExitCheckFailed;
}

void BenchCommand::report(const LoadPlan &plan, const LoadResult &result) const
{
    const double seconds = std::max(double(result.measuredNs) / 1e9, 1e-9);
    const quint64 frames = result.latency.count();
    const double framesPerSecond = double(frames) / seconds;
    // What actually arrived, headers and all: frames x size would count replies that were short.
    const double megabytesPerSecond = double(result.bytesReceived) / seconds / 1e6;
    const auto micros = [](qint64 nanoseconds) { return double(nanoseconds) / 1000.0; };
    const double p50 = micros(result.latency.percentile(0.50));
    const double p99 = micros(result.latency.percentile(0.99));
    const double max = micros(result.latency.max());
    const bool allEchoed = result.echoedConnections == plan.connections;

    if (m_json) {
        const QJsonObject object{
            {QStringLiteral("target"), m_target},
            {QStringLiteral("codec"), m_codecName},
            {QStringLiteral("connections"), plan.connections},
            {QStringLiteral("idle"), plan.idle},
            {QStringLiteral("inflight"), plan.inflight},
            {QStringLiteral("size"), qint64(m_payloadSize)},
            {QStringLiteral("frame_size"), qint64(plan.pattern.frameSize)},
            {QStringLiteral("seconds"), seconds},
            {QStringLiteral("frames"), qint64(frames)},
            {QStringLiteral("frames_per_s"), framesPerSecond},
            {QStringLiteral("mb_per_s"), megabytesPerSecond},
            {QStringLiteral("p50_us"), p50},
            {QStringLiteral("p99_us"), p99},
            {QStringLiteral("max_us"), max},
            {QStringLiteral("echoed_connections"), result.echoedConnections},
            {QStringLiteral("all_echoed"), allEchoed},
            {QStringLiteral("all_echoed_after_ms"),
             allEchoed ? QJsonValue(double(result.allEchoedAfterNs) / 1e6) : QJsonValue()},
            {QStringLiteral("bytes_received"), qint64(result.bytesReceived)},
            {QStringLiteral("differing_frames"), qint64(result.differingFrames)},
            {QStringLiteral("wrong_length_frames"), qint64(result.wrongLengthFrames)},
            {QStringLiteral("unasked_frames"), qint64(result.unaskedFrames)},
            {QStringLiteral("replies_ok"), result.repliesMatched()},
            {QStringLiteral("generator_cpu"), result.cpuShare()},
            {QStringLiteral("generator_bound"), result.generatorBound()},
        };
        EventPrinter::printLine(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
        return;
    }
    QString text = QStringLiteral("bench %1 (%2): %3 connections x %4 in flight, %5-byte payloads (%6-byte frames), %7 idle\n")
                       .arg(m_target, m_codecName).arg(plan.connections).arg(plan.inflight)
                       .arg(m_payloadSize).arg(plan.pattern.frameSize).arg(plan.idle);
    text += QStringLiteral("measured     %1 s, %2 frames echoed\n").arg(seconds, 0, 'f', 2).arg(frames);
    text += QStringLiteral("frames/s     %1\n").arg(framesPerSecond, 0, 'f', 0);
    text += QStringLiteral("MB/s         %1 received\n").arg(megabytesPerSecond, 0, 'f', 2);
    text += QStringLiteral("latency      p50 %1 us, p99 %2 us, max %3 us\n")
                .arg(p50, 0, 'f', 1).arg(p99, 0, 'f', 1).arg(max, 0, 'f', 1);
    text += QStringLiteral("connections  %1, every one echoed: ").arg(plan.connections);
    text += allEchoed ? QStringLiteral("yes (all within %1 ms of the start)").arg(double(result.allEchoedAfterNs) / 1e6, 0, 'f', 1)
                      : QStringLiteral("no (%1)").arg(result.echoedConnections);
    text += QStringLiteral("\ngenerator    %1 % of one core%2\n")
                .arg(result.cpuShare() * 100, 0, 'f', 0)
                .arg(result.generatorBound() ? QStringLiteral(": the generator may be the bottleneck, not the server")
                                             : QString());
    text += result.repliesMatched()
        ? QStringLiteral("replies      every one the frame that was sent")
        : QStringLiteral("replies      NOT what was sent: %1").arg(mismatches(result));
    EventPrinter::printLine(text);
}

} // namespace wirebench::cli
