#pragma once

#include <app/cli/commandline.h>

#include <netcore/endpoint.h>

#include <QtNetwork/QHostAddress>

namespace wirebench::cli {

/** `--listen HOST:PORT` of the commands that serve (serve, replay --as-server): declared and read once. */
class ListenOption
{
public:
    static OptionSpec spec();
    /**
     * What --listen asks for (default 127.0.0.1:0, any free port): @p endpoint as typed and the
     * @p address to bind. False, with @p error starting "--listen: ", if it is neither.
     */
    static bool read(const CommandLine &commandLine, netcore::Endpoint *endpoint, QHostAddress *address,
                     QString *error);
};

} // namespace wirebench::cli
