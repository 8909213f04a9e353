#pragma once

#include "commandline.h"

#include <QtNetwork/QSslConfiguration>

/**
 * The TLS flags: --tls-cert and --tls-key for serve, --tls, --ca and
 * --insecure for send. The one place they are declared and turned into a
 * QSslConfiguration.
 */
class TlsOptions
{
public:
    static QList<OptionSpec> serverSpecs();
    static QList<OptionSpec> clientSpecs();

    /** What a check found: TLS off, on (configuration set), or an error of the command line or of a file. */
    enum class Result { Off, On, UsageError, FileError };

    static Result toServerConfiguration(const CommandLine &commandLine, QSslConfiguration *configuration,
                                        QString *error);
    static Result toClientConfiguration(const CommandLine &commandLine, QSslConfiguration *configuration,
                                        QString *error);
};
