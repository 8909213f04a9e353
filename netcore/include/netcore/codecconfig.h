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
 * PROTOCOL.md; the fields of other kinds are ignored.
 */
struct NETCORE_EXPORT CodecConfig
{
    enum class Kind { Envelope, Length, Line, Raw };

    static constexpr qint64 defaultMaxFrameSize = 16 * 1024 * 1024;
    static constexpr int defaultMaxLineLength = 64 * 1024;

    Kind kind = Kind::Envelope;

    /** envelope: the largest N; length: the largest whole frame, header included. */
    qint64 maxFrameSize = defaultMaxFrameSize;

    // length (Netty's LengthFieldBasedFrameDecoder parameters)
    int lengthFieldOffset = 0;
    int lengthFieldLength = 4;          ///< 1, 2, 3, 4 or 8
    qint64 lengthAdjustment = 0;
    int initialBytesToStrip = -1;       ///< -1: offset + length (the header is stripped)
    QSysInfo::Endian byteOrder = QSysInfo::BigEndian;

    /** length, line: how a frame's bytes are typed on receive (binary, text or json). */
    MessageType payloadType = MessageType::Binary;

    // line
    QByteArray delimiter = QByteArrayLiteral("\n");
    int maxLineLength = defaultMaxLineLength;

    static CodecConfig envelope();
    static CodecConfig length(int fieldLength = 4, QSysInfo::Endian order = QSysInfo::BigEndian);
    /** The framing of the "Python Comms" library: UInt32 little-endian header, json. */
    static CodecConfig pythonComms();
    /** Lines are typed as text by default. */
    static CodecConfig line(const QByteArray &delimiter = QByteArrayLiteral("\n"));
    static CodecConfig raw();

    /** initialBytesToStrip with -1 resolved. */
    int effectiveStrip() const;

    /** Empty when the parameters make sense, else why not (for the user). */
    QString validate() const;

    /** "envelope", "length", "line" or "raw". */
    static QString kindName(Kind kind);
    /** Parses a kind name; false if unknown. */
    static bool parseKindName(const QString &name, Kind *kind);

    /** For workspaces and settings; fromJson() accepts what toJson() wrote. */
    QJsonObject toJson() const;
    static CodecConfig fromJson(const QJsonObject &object);

    friend NETCORE_EXPORT bool operator==(const CodecConfig &a, const CodecConfig &b);
    friend bool operator!=(const CodecConfig &a, const CodecConfig &b) { return !(a == b); }
};

} // namespace netcore

Q_DECLARE_METATYPE(netcore::CodecConfig)
