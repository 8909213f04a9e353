#include "deliveryprotocol.h"

#include <QtCore/QCborMap>
#include <QtCore/QCoreApplication>

namespace netcore::DeliveryProtocol {

namespace {
constexpr int sessionSize = 16;

QString sessionKey() { return QStringLiteral("session"); }
QString nextKey() { return QStringLiteral("next"); }
QString deliveredKey() { return QStringLiteral("delivered"); }

/** A CBOR unsigned integer of @p map under @p key; false if absent or not one. */
bool readCount(const QCborMap &map, const QString &key, quint64 *count)
{
    const QCborValue value = map.value(key);
    if (!value.isInteger() || value.toInteger() < 0)
        return false;
    *count = quint64(value.toInteger());
    return true;
}

/** The payload as a CBOR map, if the message is a CBOR control message. */
bool controlMap(const Message &message, QCborMap *map)
{
    if (!isControl(message) || message.type() != MessageType::Cbor)
        return false;
    const QCborValue value = message.toCbor();
    if (!value.isMap())
        return false;
    *map = value.toMap();
    return true;
}
} // namespace

QString channel() { return QString::fromLatin1(channelName); }

Error reservedChannelError()
{
    return Error(ErrorCode::InvalidChannelName,
                 QCoreApplication::translate("netcore::DeliveryProtocol",
                                             "the channel %1 is reserved for delivery receipts")
                     .arg(channel()));
}

Message helloMessage(const Hello &hello)
{
    // CBOR integers are signed 64-bit in QCborValue: sequence numbers stay far below 2^63.
    return Message::cbor(QCborMap{{sessionKey(), hello.session}, {nextKey(), qint64(hello.next)}}, channel());
}

Message receiptMessage(quint64 delivered)
{
    return Message::cbor(QCborMap{{deliveredKey(), qint64(delivered)}}, channel());
}

bool parseHello(const Message &message, Hello *hello)
{
    QCborMap map;
    if (!controlMap(message, &map))
        return false;
    const QCborValue session = map.value(sessionKey());
    if (!session.isByteArray() || session.toByteArray().size() != sessionSize)
        return false;
    if (!readCount(map, nextKey(), &hello->next))
        return false;
    hello->session = session.toByteArray();
    return true;
}

bool parseReceipt(const Message &message, quint64 *delivered)
{
    QCborMap map;
    return controlMap(message, &map) && readCount(map, deliveredKey(), delivered);
}

} // namespace netcore::DeliveryProtocol
