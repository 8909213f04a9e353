#pragma once

#include <app/cli/commandline.h>

namespace wirebench {
struct ClientSpec;
struct ServerSpec;
}

namespace wirebench::cli {

/**
 * The TLS flags: --tls-cert and --tls-key for serve, --tls, --ca and
 * --insecure for send. The one place they are declared and put into the
 * engine's specs; the engine reads the files (ServerSetup, ClientSetup).
 */
class TlsOptions
{
public:
    static QList<OptionSpec> serverSpecs();
    static QList<OptionSpec> clientSpecs();

    /** Puts the certificate and key files into @p spec; false, with @p error set, if only one is given. */
    static bool toServerSpec(const CommandLine &commandLine, ServerSpec *spec, QString *error);
    /** Puts TLS, the CA file and insecure into @p spec; false, with @p error set, on --ca with --insecure. */
    static bool toClientSpec(const CommandLine &commandLine, ClientSpec *spec, QString *error);
};

} // namespace wirebench::cli
