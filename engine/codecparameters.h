#pragma once

#include <netcore/codecconfig.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QHash>
#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace wirebench {

/**
 * A codec chosen by name with parameters on top, as people type them: the
 * CLI's codec flags (`--codec line --delimiter '\r\n'`) and a scenario's
 * codec object (`{"codec": "line", "delimiter": "\\r\\n"}`) share the names,
 * the checks and the messages here.
 *
 *     codec          envelope (default), length, line, raw or python-comms
 *     length-bytes   length-offset  length-adjust  strip  byte-order   (length)
 *     payload        binary, text or json                             (length, line)
 *     delimiter      with escapes like \r\n                           (line)
 *     max-frame      bytes                                            (envelope, length, line)
 */
class CodecParameters
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::CodecParameters)

public:
    /** How messages name a parameter: `--delimiter` on a command line, `"delimiter"` in a file. */
    enum class Naming { Flags, Keys };

    /** What is wrong, and with which parameter ("codec" for an unknown codec or a failed validation). */
    struct Problem
    {
        QString name;
        QString message;
    };

    /** Every parameter name, "codec" first, in the order toConfig() checks them. */
    static const QStringList &names();

    /**
     * The configuration @p values (name -> value as typed) ask for: the named codec (or preset)
     * with the other values on top, validated. False, with @p problem, for an unknown name, a
     * malformed value, a parameter the codec does not have, or a CodecConfig::validate() refusal.
     */
    static bool toConfig(const QHash<QString, QString> &values, Naming naming, netcore::CodecConfig *config,
                         Problem *problem);
    /**
     * The same for a file's codec: a name (`"line"`) or an object of parameters whose values are
     * strings or numbers (`{"codec": "line", "delimiter": "\\r\\n"}`).
     */
    static bool fromJson(const QJsonValue &value, netcore::CodecConfig *config, Problem *problem);
    /**
     * The parameters that make @p config again, as fromJson() reads them: "codec" and every
     * parameter its kind has (a python-comms preset comes back as the length codec it is).
     */
    static QJsonObject toJson(const netcore::CodecConfig &config);

private:
    static QList<netcore::CodecConfig::Kind> kindsOf(const QString &name);
};

} // namespace wirebench
