#pragma once

#include <netcore/codecconfig.h>

#include <QtCore/QByteArray>
#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QString>

namespace wirebench {

/**
 * The first line of a recording:
 *
 *     {"wirebench":"recording","version":1,"codec":{"codec":"line",...},
 *      "started":"2026-12-07T14:00:00.123Z","recorder":"serve"}
 *
 * "codec" holds the codec's parameters as a scenario's codec object does
 * (CodecParameters); "recorder" says what recorded it (serve, send, proxy,
 * run, app). A reader takes fields it does not know and leaves them.
 */
struct RecordingHeader
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::RecordingHeader)

public:
    /** The version this build writes and the only one it reads. */
    static constexpr int currentVersion = 1;

    int version = currentVersion;
    netcore::CodecConfig codec;
    QDateTime started; ///< UTC
    QString recorder;

    /** The header line, "\n" included. */
    QByteArray toLine() const;
    /** Reads the header line @p line; false, with @p error (no file or line in it), if it is not one. */
    static bool parse(const QByteArray &line, RecordingHeader *header, QString *error);
};

} // namespace wirebench
