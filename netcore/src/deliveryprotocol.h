#pragma once

#include <netcore/error.h>
#include <netcore/message.h>

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QString>

namespace netcore {

/**
 * The wire side of delivery receipts (Client/Server::setDeliveryReceipts()):
 * CBOR maps on one reserved channel of the envelope codec, so that peers
 * which do not use receipts still read every frame as an ordinary message.
 *
 *   client -> server, first on every connection:
 *       {"session": bytes(16), "next": uint}
 *       The session names the client across reconnects. "next" numbers the
 *       client's next message on this connection; each later one counts up.
 *   server -> client, after a batch was delivered:
 *       {"delivered": uint}
 *       Every message of the session numbered below it was delivered, once.
 */
namespace DeliveryProtocol {

/** The reserved channel's name; applications with receipts on may not send on it. */
inline constexpr char channelName[] = "netcore.delivery";
QString channel();
inline bool isControl(const Message &message) { return message.channel() == QLatin1String(channelName); }
/** For a MessageView: the same test on the channel's wire bytes. */
inline bool isControlChannel(QByteArrayView channelUtf8) { return channelUtf8 == QByteArrayView(channelName); }
/** What an application's send on the reserved channel is refused with, receipts on. */
Error reservedChannelError();

struct Hello
{
    QByteArray session;
    quint64 next = 0;
};

Message helloMessage(const Hello &hello);
Message receiptMessage(quint64 delivered);
/** False if @p message is not a well-formed hello. */
bool parseHello(const Message &message, Hello *hello);
/** False if @p message is not a well-formed receipt. */
bool parseReceipt(const Message &message, quint64 *delivered);

} // namespace DeliveryProtocol

} // namespace netcore
