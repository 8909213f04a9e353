#include <netcore/enums.h>

#include <QtCore/QMetaEnum>
#include <QtCore/QString>

namespace netcore {

namespace {
template <typename Enum> QString enumeratorName(Enum value)
{
    return QString::fromLatin1(QMetaEnum::fromType<Enum>().valueToKey(static_cast<int>(value)));
}
} // namespace

bool isStreamError(ErrorCode code)
{
    switch (code) {
    case ErrorCode::FrameTooShort:
    case ErrorCode::FrameTooLarge:
    case ErrorCode::ChannelTooLong:
    case ErrorCode::UnsupportedVersion:
    case ErrorCode::LineTooLong:
        return true;
    default:
        return false;
    }
}

QString errorCodeName(ErrorCode code) { return enumeratorName(code); }

QString messageTypeName(MessageType type) { return enumeratorName(type).toLower(); }

QString disconnectReasonName(DisconnectReason reason) { return enumeratorName(reason); }

} // namespace netcore
