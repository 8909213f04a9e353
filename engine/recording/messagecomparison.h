#pragma once

#include <netcore/message.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QStringList>

namespace wirebench {

/**
 * Whether a message that arrived is the one a recording expects: the same
 * channel, type and payload. The id is not compared (a server numbers its
 * answers as it likes). In json and cbor payloads, the values that
 * @p ignore's JSON Pointers name are left out first (PointerMask).
 */
class MessageComparison
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::MessageComparison)

public:
    /**
     * A null string when @p got is the same as @p expected; else the first difference, in
     * words: `channel "login", then "logout"`, `at /ok: true, then false`, `at byte 3`.
     */
    static QString difference(const netcore::Message &expected, const netcore::Message &got,
                              const QStringList &ignore);
    /** The offset of the first byte where @p a and @p b differ; -1 if they are equal. */
    static qsizetype firstDifferentByte(const QByteArray &a, const QByteArray &b);

private:
    static QString jsonDifference(const netcore::Message &expected, const netcore::Message &got,
                                  const QStringList &ignore, bool *compared);
};

} // namespace wirebench
