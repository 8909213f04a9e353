#include "responderfile.h"

#include "rulesresponder.h"
#include "scriptresponder.h"

#include <QtCore/QCoreApplication>

namespace wirebench {

bool ResponderFile::isKnown(const QString &fileName)
{
    return fileName.endsWith(QLatin1String(".js")) || fileName.endsWith(QLatin1String(".json"));
}

std::shared_ptr<Responder> ResponderFile::load(const QString &fileName, int scriptTimeoutMsecs, QString *error)
{
    if (fileName.endsWith(QLatin1String(".js")))
        return ScriptResponder::load(fileName, scriptTimeoutMsecs, error);
    if (fileName.endsWith(QLatin1String(".json"))) {
        RuleBook book;
        if (!RuleBook::load(fileName, &book, error))
            return {};
        return std::make_shared<RulesResponder>(book);
    }
    *error = QCoreApplication::translate("wirebench::ResponderFile",
                                         "%1: a responder is rules (.json) or a script (.js)")
                 .arg(fileName);
    return {};
}

} // namespace wirebench
