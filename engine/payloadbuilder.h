#pragma once

#include <netcore/message.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

namespace wirebench {

/**
 * Turns what the user typed into a message: the same rules for the
 * composer, the saved payload library and `wirebench-cli send`'s payload
 * options.
 *
 * | kind     | content                    | message                         |
 * |----------|----------------------------|---------------------------------|
 * | json     | an object or array         | json, the text as typed         |
 * | text     | text with escapes \\n \\xHH  | text, the unescaped bytes       |
 * | binary   | hex digits, spaces allowed | binary                          |
 * | file     | a file path                | binary, the file's bytes        |
 * | image    | an image file path         | binary, on channel "image" unless one is given |
 * | cbor     | any JSON value             | cbor, the value converted       |
 */
class PayloadBuilder
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::PayloadBuilder)

public:
    enum class Kind { Json, Text, Binary, File, Image, Cbor };

    static constexpr const char *defaultImageChannel = "image";

    /** "json", "text", "binary", "file", "image", "cbor": the names SavedPayload::kind uses. */
    static QString kindName(Kind kind);
    static bool parseKindName(const QString &name, Kind *kind);

    /**
     * Empty when @p content is a valid payload of @p kind, else why not, for
     * the user. Cheap enough to call on every keystroke (files are not read).
     */
    static QString validate(Kind kind, const QString &content);

    /** The message, or false with @p error set. Reads the file for file and image. */
    static bool build(Kind kind, const QString &content, const QString &channel, quint32 id,
                      netcore::Message *message, QString *error);
};

} // namespace wirebench
