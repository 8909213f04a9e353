#pragma once

#include <QtCore/QString>

#include <memory>

namespace wirebench {

class Responder;

/** Reads a responder from a file, the way `serve --responder FILE` takes it. */
class ResponderFile
{
public:
    static constexpr int defaultScriptTimeoutMsecs = 1000;

    /** True for the names ResponderFile reads: ".js" (a script) or ".json" (rules). */
    static bool isKnown(const QString &fileName);
    /**
     * The responder @p fileName describes: a script for ".js", rules for ".json"; a script's
     * handlers are stopped after @p scriptTimeoutMsecs. Null, with @p error naming the file and
     * the line, if it does not parse.
     */
    static std::shared_ptr<Responder> load(const QString &fileName, int scriptTimeoutMsecs, QString *error);
};

} // namespace wirebench
