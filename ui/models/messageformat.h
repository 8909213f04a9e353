#pragma once

#include <engine/benchtypes.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

namespace wirebench {

/**
 * How the models show a message and its numbers: short, one-line texts a
 * table cell can hold. Shared by the log, the channel table and the lists
 * so the same value reads the same everywhere.
 */
class MessageFormat
{
    Q_DECLARE_TR_FUNCTIONS(MessageFormat)

public:
    /** Characters of a text preview before it is cut with "…". */
    static constexpr int previewChars = 200;
    /** Bytes of a binary payload shown as hex before it is cut with "…". */
    static constexpr int previewBytes = 64;

    /** "512 B", "1.5 KiB", "3.2 MiB", "1.0 GiB". */
    static QString sizeText(qint64 bytes);
    /** "in" or "out" (translated). */
    static QString directionText(Direction direction);
    /** "127.0.0.1:5000", "[::1]:5000"; port 0 reads "any". */
    static QString hostPort(const QString &host, quint16 port);
    /** "envelope", "tls + line", "envelope + receipts": how an end frames and protects what it sends. */
    static QString codecSummary(netcore::CodecConfig::Kind kind, bool tls, bool receipts);
    /** Local time as "hh:mm:ss.zzz". */
    static QString timeText(const QDateTime &time);

    /**
     * One line for a table cell: text and json as text with newlines shown
     * as ⏎ (at most @p maxChars characters), cbor in diagnostic notation,
     * binary (and bad cbor) as hex bytes (at most @p maxBytes). "…" marks a
     * cut, and so does @p truncated (the kept payload is not the whole one).
     */
    static QString preview(const netcore::Message &message, bool truncated = false,
                           int maxChars = previewChars, int maxBytes = previewBytes);

    /** Text with line breaks as ⏎ and other control characters as their visible symbols. */
    static QString singleLine(QString text);
};

} // namespace wirebench
