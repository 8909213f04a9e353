#include "deliverygate.h"

namespace netcore {

DeliveryGate::Load DeliveryGate::loadOf(const QList<DecodeResult> &results)
{
    Load load;
    load.messages = results.size();
    for (const DecodeResult &result : results)
        load.bytes += result.message.payload().size();
    return load;
}

bool DeliveryGate::hasRoom(Load pending) const
{
    return m_messages.load() + pending.messages < maxMessages && m_bytes.load() + pending.bytes < maxBytes;
}

void DeliveryGate::handOver(Load load)
{
    m_messages.fetch_add(load.messages);
    m_bytes.fetch_add(load.bytes);
}

bool DeliveryGate::take(Load load)
{
    m_messages.fetch_sub(load.messages);
    m_bytes.fetch_sub(load.bytes);
    // Half the bound before waking: one wake-up per half a backlog, not per batch.
    return hasRoomToResume() && m_waiting.exchange(false);
}

bool DeliveryGate::waitForRoom()
{
    m_waiting.store(true);
    // The server's thread may have taken everything between the worker's look and the store:
    // then it saw nobody waiting, and the worker must not wait for a wake-up that never comes.
    return hasRoomToResume() && m_waiting.exchange(false);
}

bool DeliveryGate::hasRoomToResume() const
{
    return m_messages.load() <= maxMessages / 2 && m_bytes.load() <= maxBytes / 2;
}

} // namespace netcore
