#include "responderfactory.h"

#include "rulesresponder.h"
#include "scriptresponder.h"

#include <engine/benchtypes.h>

#include <QtCore/QCoreApplication>

namespace wirebench {

bool ResponderFactory::isKnown(const QString &fileName)
{
    return fileName.endsWith(QLatin1String(".js")) || fileName.endsWith(QLatin1String(".json"));
}

std::shared_ptr<Responder> ResponderFactory::load(const QString &fileName, int scriptTimeoutMsecs, QString *error)
{
    if (fileName.endsWith(QLatin1String(".js")))
        return ScriptResponder::load(fileName, scriptTimeoutMsecs, error);
    if (fileName.endsWith(QLatin1String(".json"))) {
        RuleBook book;
        if (!RuleBook::load(fileName, &book, error))
            return {};
        return std::make_shared<RulesResponder>(book);
    }
    *error = QCoreApplication::translate("wirebench::ResponderFactory",
                                         "%1: a responder is rules (.json) or a script (.js)")
                 .arg(fileName);
    return {};
}

std::shared_ptr<Responder> ResponderFactory::forServer(const ServerSpec &spec, QString *error)
{
    if (spec.mode == ServerMode::Rules) {
        RuleBook book;
        JsonProblem problem;
        if (!RuleBook::fromJson(spec.rules, &book, &problem)) {
            *error = QCoreApplication::translate("wirebench::ResponderFactory", "rules: %1%2")
                         .arg(problem.path.isEmpty() ? QString() : problem.path + QStringLiteral(": "), problem.message);
            return {};
        }
        return std::make_shared<RulesResponder>(book);
    }
    if (spec.mode == ServerMode::Script) // errors read "script:LINE: SyntaxError: ...", as rules' read "rules: ..."
        return ScriptResponder::fromSource(spec.script, QStringLiteral("script"), spec.scriptTimeoutMsecs, error);
    return {};
}

} // namespace wirebench
