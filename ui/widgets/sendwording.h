#pragma once

#include <engine/benchtypes.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

namespace wirebench {

/**
 * The composer's sentences about sending, counted in messages (one per
 * client, connection or recipient), so that what it says adds up with the
 * clients' Out column and the log.
 */
class SendWording
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::SendWording)

public:
    /**
     * "3 × 1,000 = 3,000 messages, 3 × 200/s = 600/s"; "1,000 messages, 200/s" for one
     * destination. @p ratePerSecond 0: unpaced.
     */
    static QString loadTotal(qint64 repetitions, int destinations, int ratePerSecond);
    /** The progress bar's text: "2,240 / 3,000 sent", with what was queued or not sent. */
    static QString loadProgress(const LoadProgress &progress);
    /** The sequence's progress bar: "2 / 5 steps · 4 sent", with what was queued or not sent. */
    static QString sequenceProgress(const SequenceProgress &progress);
    /** What became of one Send: "Sent to 3 clients.", "Queued for …", or why it was not sent. */
    static QString sendReport(const SendTally &messages);
    /** A number as the user's locale groups it (3,000). */
    static QString count(qint64 value);
};

} // namespace wirebench
