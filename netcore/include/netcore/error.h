#pragma once

#include <netcore/enums.h>

#include <QtCore/QByteArray>
#include <QtCore/QMetaType>
#include <QtCore/QString>

namespace netcore {

/**
 * One reported failure: what went wrong, where, and for a bad frame the raw
 * frame bytes (at most rawFrameLimit of them) so a user can inspect it.
 */
struct NETCORE_EXPORT Error
{
    /** How many bytes of a bad frame are kept for inspection. */
    static constexpr int rawFrameLimit = 4096;

    /** What went wrong; NoError in a default Error. */
    ErrorCode code = ErrorCode::NoError;
    /** A readable, translated description for people and logs (errorCodeName() for tools). */
    QString message;
    /** The server connection it happened on; 0 for a client or none. */
    quint64 connection = 0;
    /** The offending frame (possibly truncated), for frame errors. */
    QByteArray rawFrame;

    Error() = default;
    /** @p rawFrame is cut to rawFrameLimit bytes; connection stays 0. */
    Error(ErrorCode code, QString message, QByteArray rawFrame = {});

    /** True unless code is NoError. */
    bool isError() const { return code != ErrorCode::NoError; }
    /** netcore::isStreamError() of code: the connection was closed after it. */
    bool isStreamError() const { return netcore::isStreamError(code); }
};

} // namespace netcore

Q_DECLARE_METATYPE(netcore::Error)
