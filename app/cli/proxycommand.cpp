#include "proxycommand.h"

#include <app/cli/codecoptions.h>
#include <app/cli/commandline.h>
#include <app/cli/exitcodes.h>
#include <app/cli/proxyeventprinter.h>
#include <app/cli/recordoption.h>
#include <app/cli/signalwatcher.h>

#include <engine/proxy/proxy.h>
#include <engine/recording/proxyrecording.h>
#include <engine/recording/recorder.h>

#include <netcore/endpoint.h>

#include <QtCore/QCoreApplication>

#include <csignal>

namespace wirebench::cli {

namespace {

/** The fault flags, in the order the help lists them, with their value's form. */
struct FaultFlag
{
    Fault::Kind kind;
    const char *valueName;
    const char *help;
};

const FaultFlag faultFlags[] = {
    {Fault::Kind::Latency, "MS", "delay all data by MS ms (order kept); see --jitter"},
    {Fault::Kind::Bandwidth, "KBPS", "pass at most KBPS KiB/s"},
    {Fault::Kind::Slice, "BYTES[:DELAY_US]", "forward in writes of at most BYTES, DELAY_US µs apart"},
    {Fault::Kind::LimitData, "BYTES", "close the connection once BYTES have passed (each direction counts its own)"},
    {Fault::Kind::Timeout, "MS", "pass nothing; close after MS ms (0: hold it open)"},
    {Fault::Kind::ResetAfter, "MS", "reset (RST) both sides MS ms after the client connects"},
    {Fault::Kind::SlowClose, "MS", "pass a side's end (FIN or RST) on MS ms late"},
    {Fault::Kind::Drop, "CHANNEL[:P]", "drop whole messages on CHANNEL (* = any) with probability P (default 1); repeatable"},
    {Fault::Kind::Duplicate, "CHANNEL[:P]", "send messages on CHANNEL twice, with probability P; repeatable"},
    {Fault::Kind::Corrupt, "P", "flip one payload byte of a message with probability P, its framing kept valid"},
    {Fault::Kind::DelayChannel, "CHANNEL:MS", "hold CHANNEL's messages MS ms while others overtake them; repeatable"},
};

QList<OptionSpec> proxySpecs()
{
    QList<OptionSpec> specs{
        {QStringLiteral("upstream"), QStringLiteral("HOST:PORT"), QStringLiteral("the server to forward to (required)")},
        {QStringLiteral("listen"), QStringLiteral("HOST:PORT"),
         QStringLiteral("address to listen on: an IP, localhost or any; default 127.0.0.1:0, any free port")},
    };
    specs += CodecOptions::specs();
    for (const FaultFlag &flag : faultFlags) {
        specs.append({Fault::kindName(flag.kind), QLatin1String(flag.valueName), QString::fromUtf8(flag.help)});
        if (flag.kind == Fault::Kind::Latency)
            specs.append({QStringLiteral("jitter"), QStringLiteral("MS"),
                          QStringLiteral("vary the latency by up to ± MS ms, at random (order kept)")});
    }
    specs += {
        {QStringLiteral("direction"), QStringLiteral("WHICH"),
         QStringLiteral("both (default), c2s (client to server) or s2c: where the faults apply")},
        {QStringLiteral("seed"), QStringLiteral("N"),
         QStringLiteral("seed of the random choices (jitter, probabilities), to repeat a run; default: picked and printed")},
        {QStringLiteral("workers"), QStringLiteral("N"), QStringLiteral("I/O threads (default 1)")},
        {QStringLiteral("events"), QStringLiteral("FORMAT"), QStringLiteral("jsonl (default), text or none")},
        RecordOption::spec(),
        {QStringLiteral("help"), {}, QStringLiteral("show this help")},
    };
    return specs;
}

/** The faults the command line asks for, in the order given; false, with @p error, on a bad value. */
bool faultsOf(const CommandLine &commandLine, QList<Fault> *faults, QString *error)
{
    Fault::Directions directions = Fault::Directions::Both;
    const QString direction = commandLine.value(QStringLiteral("direction"), QStringLiteral("both"));
    if (!Fault::directionsFromName(direction, &directions)) {
        *error = QStringLiteral("--direction must be both, c2s or s2c, not \"%1\"").arg(direction);
        return false;
    }
    qint64 jitter = 0;
    if (!commandLine.integer(QStringLiteral("jitter"), 0, 24 * 3600 * 1000, &jitter, error))
        return false;
    bool latencyGiven = false;
    for (const CommandLine::Entry &entry : commandLine.entries()) {
        Fault::Kind kind;
        if (!Fault::kindFromName(entry.name, &kind))
            continue;
        Fault fault;
        if (!Fault::parse(kind, entry.value, &fault, error))
            return false;
        fault.directions = kind == Fault::Kind::ResetAfter ? Fault::Directions::Both : directions;
        if (kind == Fault::Kind::Latency) {
            fault.extra = jitter;
            latencyGiven = true;
        }
        faults->append(fault);
    }
    if (jitter > 0 && !latencyGiven) { // jitter alone: around no latency at all
        Fault fault;
        fault.kind = Fault::Kind::Latency;
        fault.extra = jitter;
        fault.directions = directions;
        faults->append(fault);
    }
    return true;
}

} // namespace

ProxyCommand::ProxyCommand(QObject *parent) : QObject(parent) {}

ProxyCommand::~ProxyCommand() = default;

QString ProxyCommand::usage()
{
    return QStringLiteral("Usage: wirebench-cli proxy --upstream HOST:PORT [options]\n\n"
                          "Listens and prints \"listening on HOST:PORT\"; forwards each client to the\n"
                          "upstream and back, bytes unchanged, and prints one event per line (connected,\n"
                          "upstream-connected, message with \"dir\" c2s or s2c, fault, error, disconnected).\n"
                          "The codec only decodes for the events and the message faults (drop, duplicate,\n"
                          "corrupt, delay-channel), which need one with frames. The seed goes to stderr.\n"
                          "SIGINT or SIGTERM resets every connection and exits 0.\n\nOptions:\n")
        + CommandLine::describe(proxySpecs());
}

int ProxyCommand::run(const QStringList &arguments)
{
    CommandLine commandLine;
    QString error;
    if (!commandLine.parse(arguments, proxySpecs(), &error))
        return CommandLine::usageError(error, usage());
    if (commandLine.isSet(QStringLiteral("help")))
        return CommandLine::printHelp(usage());
    if (!commandLine.positional().isEmpty())
        return CommandLine::usageError(QStringLiteral("unexpected argument \"%1\"").arg(commandLine.positional().first()), usage());

    ProxySpec spec;
    netcore::Endpoint upstream, listen;
    if (!commandLine.isSet(QStringLiteral("upstream")))
        return CommandLine::usageError(QStringLiteral("proxy needs --upstream HOST:PORT"), usage());
    if (!netcore::Endpoint::parse(commandLine.value(QStringLiteral("upstream")), QStringLiteral("127.0.0.1"), &upstream, &error)
        || upstream.port == 0)
        return CommandLine::usageError(QStringLiteral("--upstream: %1").arg(error.isEmpty() ? QStringLiteral("a port is needed") : error), usage());
    if (!netcore::Endpoint::parse(commandLine.value(QStringLiteral("listen"), QStringLiteral("127.0.0.1:0")),
                                  QStringLiteral("127.0.0.1"), &listen, &error))
        return CommandLine::usageError(QStringLiteral("--listen: %1").arg(error), usage());
    spec.upstreamHost = upstream.host;
    spec.upstreamPort = upstream.port;
    spec.listenHost = listen.host;
    spec.listenPort = listen.port;
    if (!CodecOptions::toConfig(commandLine, &spec.codec, &error) || !faultsOf(commandLine, &spec.faults, &error))
        return CommandLine::usageError(error, usage());
    EventPrinter::Format format = EventPrinter::Format::Jsonl;
    if (!EventPrinter::readFormat(commandLine, &format, &error))
        return CommandLine::usageError(error, usage());
    qint64 seed = 0, workers = 1;
    if (!commandLine.integer(QStringLiteral("seed"), 1, qint64(ProxySpec::maxSeed), &seed, &error)
        || !commandLine.integer(QStringLiteral("workers"), 1, 64, &workers, &error))
        return CommandLine::usageError(error, usage());
    spec.seed = quint64(seed); // 0: the proxy picks one
    spec.workers = int(workers);
    spec.decode = format != EventPrinter::Format::None || commandLine.isSet(QStringLiteral("record"));
    if (!spec.validate(&error))
        return CommandLine::usageError(error, usage());

    m_printer = std::make_unique<ProxyEventPrinter>(format);
    ProxyObserver *observer = m_printer.get();
    if (!RecordOption::start(commandLine, spec.codec, QStringLiteral("proxy"), &m_recorder, &error)) {
        CommandLine::printError(error);
        return ExitFailure;
    }
    if (m_recorder) {
        m_recording = std::make_unique<ProxyRecording>(m_recorder.get(), m_printer.get());
        observer = m_recording.get();
    }
    m_proxy = std::make_unique<Proxy>(spec, observer);
    if (!m_proxy->start(&error)) {
        CommandLine::printError(error);
        return RecordOption::finish(m_recorder.get(), ExitFailure);
    }
    SignalWatcher signalWatcher({SIGINT, SIGTERM});
    connect(&signalWatcher, &SignalWatcher::signalReceived, this, [] { QCoreApplication::exit(ExitOk); });
    EventPrinter::printLine(QStringLiteral("listening on %1").arg(m_proxy->listenAddress()));
    CommandLine::printError(QStringLiteral("proxy to %1, seed %2 (--seed %2 repeats its random choices)")
                                .arg(netcore::Endpoint::format(spec.upstreamHost, spec.upstreamPort))
                                .arg(m_proxy->seed()));
    const int exitCode = QCoreApplication::exec();
    m_proxy.reset(); // resets what is still open; its I/O threads end before the printer goes
    return RecordOption::finish(m_recorder.get(), exitCode);
}

} // namespace wirebench::cli
