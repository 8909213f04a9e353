#pragma once

#include <netcore/netcore_export.h>

#include <QtCore/qobjectdefs.h>

/** Framed, typed TCP messaging for Qt programs. */
namespace netcore {
Q_NAMESPACE_EXPORT(NETCORE_EXPORT)

/** What a message's payload holds; the values are the envelope codec's type byte. */
enum class MessageType : quint8 {
    Binary = 0, ///< opaque bytes
    Text = 1,   ///< UTF-8 text
    Json = 2,   ///< UTF-8 JSON text whose top level is an object or an array
    Cbor = 3,   ///< exactly one CBOR data item
};
Q_ENUM_NS(MessageType)

/**
 * Every error netcore reports. Codec errors come in two classes (see
 * isStreamError()): a stream error closes the connection, a frame error drops
 * one frame and keeps the connection.
 */
enum class ErrorCode {
    NoError,             ///< nothing went wrong

    // Stream errors: the frame boundary can no longer be trusted.
    FrameTooShort,       ///< a length below the codec's minimum
    FrameTooLarge,       ///< a length above the configured maximum
    ChannelTooLong,      ///< envelope: channel length beyond the frame
    UnsupportedVersion,  ///< envelope: version byte is not 1
    LineTooLong,         ///< line: no delimiter within maxLineLength

    // Frame errors: one frame is dropped, the connection stays.
    UnknownMessageType,  ///< envelope: type byte is not 0..3
    InvalidChannelName,  ///< channel name is not valid UTF-8; or, sending with delivery receipts on,
                         ///< the channel reserved for them
    InvalidText,         ///< text payload is not valid UTF-8
    InvalidJson,         ///< json payload does not parse, or is not an object/array
    InvalidCbor,         ///< cbor payload is not exactly one well-formed item
    StripBeyondFrame,    ///< length: initialBytesToStrip exceeds the frame
    InvalidReceipt,      ///< delivery receipts: a malformed control message on their reserved channel

    // Sending.
    MessageTooLarge,     ///< the message cannot be encoded within the codec's limits
    SendQueueFull,       ///< the bounded queue of pending messages is full
    NotConnected,        ///< no such connection, or not connected

    // Sockets and servers.
    ConnectionRefused,   ///< client: nothing listens there, or the peer refused
    HostNotFound,        ///< client: the host name does not resolve
    RemoteClosed,        ///< client: the server closed the connection before it was up (during TLS, say)
    ConnectionReset,     ///< the peer reset the connection (RST)
    TlsFailed,           ///< the TLS handshake failed: an untrusted certificate, a plaintext peer, a timeout
    NetworkError,        ///< client: the network failed (unreachable, down)
    Timeout,             ///< client: an attempt got no answer within 10 s (the TLS handshake included)
    AddressInUse,        ///< server: listen() found the address and port taken
    ListenFailed,        ///< server: listen() failed otherwise (no such address, no permission,
                         ///< no descriptors left for its I/O threads)
    SocketError,         ///< another socket failure; the message says which
    InvalidConfiguration, ///< a CodecConfig that does not validate(), settings that exclude each other,
                          ///< or a setter refused in this state (after listen(), while connected)
};
Q_ENUM_NS(ErrorCode)

/** Why a connection ended. */
enum class DisconnectReason {
    PeerClosed,      ///< the peer closed the connection in order (FIN; it may have only half-closed)
    ClosedLocally,   ///< this side closed it: Client::disconnectFromHost(), Server::disconnectClient()
    IdleTimeout,     ///< nothing was received within the idle timeout
    StreamError,     ///< the peer sent a stream that cannot be framed
    SocketError,     ///< the socket failed otherwise (a network error)
    ServerClosed,    ///< the server was closed or destroyed
    SlowConsumer,    ///< the peer did not read what was sent to it (see OutputLimits)
    PeerReset,       ///< the peer reset the connection (RST): it crashed, or aborted on purpose
    TlsFailed,       ///< no TLS session: the handshake failed or timed out (a plaintext peer, an untrusted certificate)
};
Q_ENUM_NS(DisconnectReason)

/** True for the codec errors after which a stream cannot be trusted. */
NETCORE_EXPORT bool isStreamError(ErrorCode code);
/** The enumerator's name, such as "FrameTooLarge": stable, for logs and tools. */
NETCORE_EXPORT QString errorCodeName(ErrorCode code);
/** "binary", "text", "json" or "cbor". */
NETCORE_EXPORT QString messageTypeName(MessageType type);
/** "PeerClosed", "IdleTimeout", ... */
NETCORE_EXPORT QString disconnectReasonName(DisconnectReason reason);

} // namespace netcore
