#include "listenoption.h"

namespace wirebench::cli {

OptionSpec ListenOption::spec()
{
    return {QStringLiteral("listen"), QStringLiteral("HOST:PORT"),
            QStringLiteral("address to listen on: an IP, localhost or any (every interface); default 127.0.0.1:0, any free port")};
}

bool ListenOption::read(const CommandLine &commandLine, netcore::Endpoint *endpoint, QHostAddress *address,
                        QString *error)
{
    if (netcore::Endpoint::parse(commandLine.value(QStringLiteral("listen"), QStringLiteral("127.0.0.1:0")),
                                 QStringLiteral("127.0.0.1"), endpoint, error)
        && netcore::Endpoint::parseListenAddress(endpoint->host, address, error))
        return true;
    *error = QStringLiteral("--listen: %1").arg(*error);
    return false;
}

} // namespace wirebench::cli
