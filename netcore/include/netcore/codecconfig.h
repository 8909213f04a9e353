#pragma once

#include <netcore/enums.h>

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QMetaType>
#include <QtCore/QString>
#include <QtCore/QSysInfo>

namespace netcore {

/**
 * Which codec a connection speaks and its parameters: one value type shared
 * by Server, Client, the CLI and the app. The formats are described in
 * docs/protocol.md sections 3 to 6; the fields of other kinds are ignored.
 */
struct NETCORE_EXPORT CodecConfig
{
    /** Which framing, and so which Codec subclass (Codec::create()). */
    enum class Kind { Envelope, Length, Line, Raw };

    /** @var Kind::Envelope
     *  EnvelopeCodec: the native format, with type, channel and id (the default). */
    /** @var Kind::Length
     *  LengthFieldCodec: a length field, Netty-style; no channel or id on the wire. */
    /** @var Kind::Line
     *  LineCodec: frames end with a delimiter; no channel or id on the wire. */
    /** @var Kind::Raw
     *  RawCodec: no framing; what each read brought is one binary message. */

    /** The default maxFrameSize: 16 MiB. */
    static constexpr qint64 defaultMaxFrameSize = 16 * 1024 * 1024;
    /** The default maxLineLength: 64 KiB. */
    static constexpr int defaultMaxLineLength = 64 * 1024;

    /** The framing; the fields below that belong to other kinds are ignored. */
    Kind kind = Kind::Envelope;

    /** envelope: the largest N; length: the largest whole frame, header included. */
    qint64 maxFrameSize = defaultMaxFrameSize;

    // length (Netty's LengthFieldBasedFrameDecoder parameters)
    /** Bytes before the length field (sent as zeros). */
    int lengthFieldOffset = 0;
    int lengthFieldLength = 4;          ///< the length field's size in bytes: 1, 2, 3, 4 or 8
    /** Added to the field's value to give the bytes after the field (negative when it counts a header). */
    qint64 lengthAdjustment = 0;
    int initialBytesToStrip = -1;       ///< bytes cut from a frame's front on receive; -1: offset + length (the header)
    /** The length field's byte order. */
    QSysInfo::Endian byteOrder = QSysInfo::BigEndian;

    /** length, line: how a frame's bytes are typed on receive (binary, text or json). */
    MessageType payloadType = MessageType::Binary;

    // line
    /** The bytes that end a line; not empty (unescape() turns typed `\r\n` into bytes). */
    QByteArray delimiter = QByteArrayLiteral("\n");
    /** The longest line, delimiter excluded: longer is LineTooLong on receive, MessageTooLarge on send. */
    int maxLineLength = defaultMaxLineLength;

    /** The envelope codec with the default limits: what Server and Client use unless told. */
    static CodecConfig envelope();
    /** A @p fieldLength byte length field in @p order at offset 0, stripped on receive; binary payloads. */
    static CodecConfig length(int fieldLength = 4, QSysInfo::Endian order = QSysInfo::BigEndian);
    /** The framing of the "Python Comms" library: UInt32 little-endian header, json. */
    static CodecConfig pythonComms();
    /** Lines are typed as text by default. */
    static CodecConfig line(const QByteArray &delimiter = QByteArrayLiteral("\n"));
    /** No framing (the fields below kind are ignored). */
    static CodecConfig raw();

    /** initialBytesToStrip with -1 resolved. */
    int effectiveStrip() const;
    /** Whether a message's channel and id reach the peer: only the envelope has room for them. */
    bool carriesChannelAndId() const { return kind == Kind::Envelope; }

    /** Empty when the parameters make sense, else why not (for the user). */
    QString validate() const;

    /** "envelope", "length", "line" or "raw". */
    static QString kindName(Kind kind);
    /** Parses a kind name; false if unknown. */
    static bool parseKindName(const QString &name, Kind *kind);

    /** For workspaces and settings; fromJson() accepts what toJson() wrote. */
    QJsonObject toJson() const;
    /**
     * Reads what toJson() wrote; missing fields keep their defaults. Not
     * validated: call validate(). A delimiter that is not hex digits comes
     * back empty, which validate() refuses.
     */
    static CodecConfig fromJson(const QJsonObject &object);

    /** Equal when every field is, those that @p a's kind ignores included. */
    friend NETCORE_EXPORT bool operator==(const CodecConfig &a, const CodecConfig &b);
    /** Some field differs. */
    friend bool operator!=(const CodecConfig &a, const CodecConfig &b) { return !(a == b); }
};

} // namespace netcore

Q_DECLARE_METATYPE(netcore::CodecConfig)
