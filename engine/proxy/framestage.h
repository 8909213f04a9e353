#pragma once

#include <engine/proxy/fault.h>

#include <netcore/bytebuffer.h>
#include <netcore/codec.h>

#include <atomic>
#include <memory>

namespace wirebench {

class FaultRandom;
class ProxyObserver;
class ProxyPump;
struct DirectionPlan;

/**
 * The codec's view of one direction of a proxied connection. Fed each
 * read, it reports the messages to the observer and, while the direction
 * has message-level faults, hands the pump whole frames, dropped,
 * duplicated, corrupted or held as the faults say. Without them the pump
 * forwards the bytes as they came and this only decodes a copy.
 *
 * The wire is never re-encoded: a frame goes on as the bytes it came in
 * (a corrupted one with one payload byte flipped, its framing intact). After
 * a stream error nothing is framed any more: the bytes go on as they come,
 * each read reported as one binary message.
 */
class FrameStage
{
public:
    FrameStage(const netcore::CodecConfig &codec, ProxyDirection direction, quint64 connection,
               ProxyObserver *observer, std::atomic<quint64> *messages, FaultRandom *random, ProxyPump *pump);
    ~FrameStage();

    /**
     * Takes one read. While @p plan has message faults only whole frames go to the pump;
     * otherwise the bytes go at once, before they are decoded.
     */
    void feed(QByteArrayView bytes, const DirectionPlan &plan);
    /** The source ended: a frame left incomplete goes on as it is. */
    void flush();

private:
    void decode(const DirectionPlan *plan);
    /** A whole frame, @p frame its bytes, through the message faults to the pump. */
    void applyFaults(const netcore::MessageView &message, QByteArrayView frame, const DirectionPlan &plan);
    /** Flips one payload byte of @p frame in place, its framing kept; false if it has no payload to flip. */
    bool corrupt(QByteArray *frame, qsizetype payloadOffset, qsizetype payloadSize);
    void report(const netcore::MessageView &message);
    /** Forwards what is buffered and not sent yet. */
    void sendUnsent();

    const netcore::CodecConfig m_config;
    std::unique_ptr<netcore::Codec> m_codec;
    const ProxyDirection m_direction;
    const quint64 m_connection;
    ProxyObserver *const m_observer;
    std::atomic<quint64> *const m_messages;
    FaultRandom *const m_random;
    ProxyPump *const m_pump;
    netcore::ByteBuffer m_buffer;
    qsizetype m_sent = 0; ///< the buffer's first bytes that went on already (decoded only for display)
    bool m_raw = false;   ///< past a stream error
};

} // namespace wirebench
