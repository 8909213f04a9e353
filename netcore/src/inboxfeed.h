#pragma once

#include <netcore/messageinbox.h>

namespace netcore {

/**
 * How a Server or Client puts what it received into its MessageInbox: the
 * inbox's users only take from it. Neither installed nor exported: tests/unit
 * fill an inbox without a socket through the static netcore-internal.
 */
class InboxFeed
{
public:
    /** Queues @p received in the queue and its channel's; ignored when the inbox is off. */
    static void push(MessageInbox &inbox, const ReceivedMessage &received);
    /** Queues @p error for takeErrors(); ignored when the inbox is off. */
    static void pushError(MessageInbox &inbox, const Error &error);
};

} // namespace netcore
