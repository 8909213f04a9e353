#pragma once

#include <QtCore/QString>

#include <memory>

namespace wirebench {

class Responder;

struct ServerSpec;

/** Makes a responder from a file (`serve --responder FILE`) or from a hosted server's spec. */
class ResponderFactory
{
public:
    /** True for the names ResponderFactory reads: ".js" (a script) or ".json" (rules). */
    static bool isKnown(const QString &fileName);
    /**
     * The responder @p fileName describes: a script for ".js", rules for ".json"; a script's
     * handlers are stopped after @p scriptTimeoutMsecs. Null, with @p error naming the file and
     * the line, if it does not parse.
     */
    static std::shared_ptr<Responder> load(const QString &fileName, int scriptTimeoutMsecs, QString *error);
    /**
     * The responder of @p spec's mode (rules or script), null for the other modes. Null too, with
     * @p error saying what is wrong and where, if its rules or script do not parse.
     */
    static std::shared_ptr<Responder> forServer(const ServerSpec &spec, QString *error);
};

} // namespace wirebench
