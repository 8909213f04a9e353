#pragma once

#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QStringList>

namespace wirebench {

class Recording;

/**
 * A recording turned into a scenario (the `run` format, Scenario), for a
 * person to edit into a test. Each recorded connection becomes a client,
 * "c1", "c2", ... in the order they began (or the one client at the top
 * when there is one), connecting to Options::connect with the recording's
 * codec. The steps follow the recording's order:
 *
 *     message c2s            {"as": "c1", "send": REPLY}           (MessageStep::send)
 *     message s2c            {"as": "c1", "expect": MATCH}         (MessageStep::expect)
 *     the server closed it   {"as": "c1", "expect_closed": true}
 *     a gap before a send    {"sleep_ms": N}   when N >= minSleepMsecs
 *
 * What a client expects on an ignored channel is left out, and so every
 * expectation of that client gets "skip_others": true: the ignored
 * messages may come before any of them. An expectation the server took
 * long to meet in the recording waits twice as long ("timeout_ms") when
 * that is over Scenario::defaultTimeoutMsecs.
 */
class RecordingScenario
{
public:
    /** Gaps shorter than this are the recorder's timing, not the protocol's: no sleep for them. */
    static constexpr int minSleepMsecs = 50;

    struct Options
    {
        QString connect;            ///< "HOST:PORT" of the server to test; the recording has none
        QStringList ignorePointers; ///< left out of what json and cbor expectations check (PointerMask)
        QStringList ignoreChannels; ///< s2c messages on these channels are not expected
        QString name;               ///< the scenario's "name"; none when empty
    };

    /** A message that could not be carried as recorded, and what became of it. */
    struct Note
    {
        int line = 0; ///< the message's line in the recording
        QString text; ///< "its text holds "{{", which a send would read as a placeholder: sent as hex, ..."
    };

    /**
     * The scenario, as Scenario::fromJson() reads it. @p notes gets one for each message that
     * could not be carried as recorded.
     */
    static QJsonObject toScenario(const Recording &recording, const Options &options, QList<Note> *notes = nullptr);
};

} // namespace wirebench
