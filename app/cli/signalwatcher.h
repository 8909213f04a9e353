#pragma once

#include <QtCore/QList>
#include <QtCore/QObject>

#include <initializer_list>

class QSocketNotifier;

namespace wirebench::cli {

/**
 * Turns POSIX signals into a Qt signal. The handler only writes the signal
 * number to a socketpair (async-signal-safe); a QSocketNotifier on the other
 * end emits signalReceived() in the event loop. One instance per process.
 */
class SignalWatcher : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(SignalWatcher)

public:
    explicit SignalWatcher(std::initializer_list<int> signalNumbers, QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void signalReceived(int signalNumber);

private:
    static void handleSignal(int signalNumber);
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
    QList<int> m_signals;
};

} // namespace wirebench::cli
