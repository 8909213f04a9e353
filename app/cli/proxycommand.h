#pragma once

#include <QtCore/QObject>

#include <memory>

namespace wirebench {
class Proxy;
class ProxyRecording;
class Recorder;
}

namespace wirebench::cli {

class ProxyEventPrinter;

/**
 * `wirebench-cli proxy --upstream HOST:PORT`: listens, prints `listening on
 * HOST:PORT`, forwards every client to the upstream with the faults asked
 * for, and prints what passes. SIGINT or SIGTERM resets every connection and
 * exits 0.
 */
class ProxyCommand : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProxyCommand)

public:
    explicit ProxyCommand(QObject *parent = nullptr);
    ~ProxyCommand() override;

    static QString usage();

    /** Proxies until a signal arrives; returns the process exit code. */
    int run(const QStringList &arguments);

private:
    std::unique_ptr<ProxyEventPrinter> m_printer; ///< declared first: it outlives the proxy's I/O threads
    std::unique_ptr<Recorder> m_recorder;         ///< with --record; likewise
    std::unique_ptr<ProxyRecording> m_recording;
    std::unique_ptr<Proxy> m_proxy;
};

} // namespace wirebench::cli
