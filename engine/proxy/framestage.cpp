#include "framestage.h"

#include "faultplan.h"
#include "faultrandom.h"
#include "proxyobserver.h"
#include "proxypump.h"

#include <netcore/error.h>

namespace wirebench {

FrameStage::FrameStage(const netcore::CodecConfig &codec, ProxyDirection direction, quint64 connection,
                       ProxyObserver *observer, std::atomic<quint64> *messages, FaultRandom *random, ProxyPump *pump)
    : m_config(codec), m_codec(netcore::Codec::create(codec)), m_direction(direction), m_connection(connection),
      m_observer(observer), m_messages(messages), m_random(random), m_pump(pump)
{
}

FrameStage::~FrameStage() = default;

void FrameStage::feed(QByteArrayView bytes, const DirectionPlan &plan)
{
    const bool holdFrames = plan.hasMessageFaults() && !m_raw;
    if (m_raw) {
        m_pump->forward(bytes);
        report(netcore::MessageView(netcore::MessageType::Binary, bytes));
        return;
    }
    if (!holdFrames) {
        sendUnsent(); // faults were just switched off: what they held goes first
        m_pump->forward(bytes);
        m_buffer.append(bytes);
        m_sent = m_buffer.readableBytes();
        decode(nullptr);
        return;
    }
    m_buffer.append(bytes);
    decode(&plan);
}

void FrameStage::flush()
{
    sendUnsent();
    m_buffer.clear();
    m_sent = 0;
}

void FrameStage::sendUnsent()
{
    if (m_sent < m_buffer.readableBytes())
        m_pump->forward(m_buffer.readable().sliced(m_sent));
    m_sent = m_buffer.readableBytes();
}

void FrameStage::decode(const DirectionPlan *plan)
{
    while (!m_buffer.isEmpty()) {
        const char *start = m_buffer.peek();
        const qsizetype before = m_buffer.readableBytes();
        netcore::MessageView message;
        netcore::Error error;
        const auto status = m_codec->decodeFrame(m_buffer, &message, &error);
        if (status == netcore::DecodeResult::NeedMoreData)
            return;
        if (status == netcore::DecodeResult::StreamError) {
            // The framing is lost for good: the rest passes as it comes, unframed.
            m_observer->error(m_connection, m_direction, error);
            m_raw = true;
            const QByteArrayView rest(start, before);
            m_pump->forward(rest.sliced(qMin(m_sent, before)));
            report(netcore::MessageView(netcore::MessageType::Binary, rest));
            m_buffer.clear();
            m_sent = 0;
            return;
        }
        const qsizetype consumed = before - m_buffer.readableBytes();
        const QByteArrayView frame(start, consumed);
        // A frame whose first bytes went on before the faults were switched on goes on whole, untouched.
        const qsizetype alreadySent = qMin(m_sent, consumed);
        m_sent -= alreadySent;
        if (status == netcore::DecodeResult::FrameError) {
            m_observer->error(m_connection, m_direction, error);
            if (alreadySent < consumed)
                m_pump->forward(frame.sliced(alreadySent));
            continue;
        }
        report(message);
        if (!plan)
            continue;
        if (alreadySent > 0) {
            if (alreadySent < consumed)
                m_pump->forward(frame.sliced(alreadySent));
            continue;
        }
        applyFaults(message, frame, *plan);
    }
}

void FrameStage::applyFaults(const netcore::MessageView &message, QByteArrayView frame, const DirectionPlan &plan)
{
    const QString channel = message.channel();
    for (const Fault &drop : plan.drops) {
        if (drop.matchesChannel(channel) && m_random->chance(drop.probability)) {
            m_observer->faultApplied(m_connection, m_direction, Fault::Kind::Drop, message);
            return;
        }
    }
    QByteArray bytes = frame.toByteArray();
    if (plan.corrupt && m_random->chance(plan.corruptProbability)) {
        const qsizetype offset = message.payload().data() - frame.data();
        if (corrupt(&bytes, offset, message.payload().size()))
            m_observer->faultApplied(m_connection, m_direction, Fault::Kind::Corrupt, message);
    }
    int copies = 1;
    for (const Fault &duplicate : plan.duplicates) {
        if (duplicate.matchesChannel(channel) && m_random->chance(duplicate.probability)) {
            m_observer->faultApplied(m_connection, m_direction, Fault::Kind::Duplicate, message);
            copies = 2;
            break;
        }
    }
    for (const Fault &delay : plan.channelDelays) {
        if (delay.matchesChannel(channel)) {
            m_observer->faultApplied(m_connection, m_direction, Fault::Kind::DelayChannel, message);
            for (int i = 0; i < copies; ++i)
                m_pump->hold(bytes, delay.amount);
            return;
        }
    }
    for (int i = 0; i < copies; ++i)
        m_pump->forward(bytes);
}

bool FrameStage::corrupt(QByteArray *frame, qsizetype payloadOffset, qsizetype payloadSize)
{
    if (payloadSize <= 0 || payloadOffset < 0 || payloadOffset + payloadSize > frame->size())
        return false;
    const qsizetype index = payloadOffset + m_random->below(payloadSize);
    const int firstBit = int(m_random->below(8));
    const char original = frame->at(index);
    for (int i = 0; i < 8; ++i) {
        (*frame)[index] = char(original ^ (1 << ((firstBit + i) % 8)));
        // A line's delimiter must stay its only one, at the end: the flip must not make another.
        if (m_config.kind != netcore::CodecConfig::Kind::Line
            || frame->indexOf(m_config.delimiter) == payloadOffset + payloadSize)
            return true;
    }
    (*frame)[index] = original;
    return false;
}

void FrameStage::report(const netcore::MessageView &message)
{
    m_messages->fetch_add(1, std::memory_order_relaxed);
    m_observer->message(m_connection, m_direction, message);
}

} // namespace wirebench
