#pragma once

#include <engine/recording/difference.h>

#include <QtCore/QCoreApplication>

namespace wirebench {

/**
 * Differences as people read them, one block each:
 *
 *     connection 1 (conn 3, 127.0.0.1:50412), s2c message 2: at /ok: true, then false
 *       expected: json #login {"ok":true,"user":"alice"}
 *       got:      json #login {"ok":false,"user":"alice"}
 *
 * JSON as JSON, CBOR in diagnostic notation, text quoted with escapes, and
 * binary as hex around the first difference, marked:
 *
 *       expected: binary (6 B) 01 02 03 04 05 06
 *       got:      binary (6 B) 01 02 03 ff 05 06
 *                                       ^^ byte 3
 */
class DifferenceReport
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::DifferenceReport)

public:
    /** Bytes of hex a line shows around the first difference. */
    static constexpr int hexWindow = 32;

    /** One difference's block, lines ending in "\n". */
    static QString describe(const Difference &difference);
    /** Its first line: where it is and what differs. */
    static QString heading(const Difference &difference);
    /** @p message in one line as a difference shows it; for binary, the hex from @p fromByte on. */
    static QString messageText(const netcore::Message &message, qsizetype fromByte = 0);
    /** Where messageText() of a binary message starts its hex window for a difference at @p byte. */
    static qsizetype windowStart(qsizetype byte, qsizetype size);
};

} // namespace wirebench
