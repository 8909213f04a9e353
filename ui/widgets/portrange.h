#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

namespace wirebench {

/**
 * The check of a port typed into a dialog. Its spin box takes five digits,
 * more than a port has, so that a typo such as 99999 stays as typed and is
 * refused with a reason, instead of silently becoming 9999.
 */
class PortRange
{
    Q_DECLARE_TR_FUNCTIONS(PortRange)

public:
    static constexpr int highest = 65535;

    enum class Zero { AnyFreePort, NoPort };

    /** Why @p port cannot be used; empty when it can. 0 is "any free port" to a server, and no port to a client. */
    static QString problem(int port, Zero zero = Zero::AnyFreePort)
    {
        if (port > highest)
            return tr("%1 is not a port: ports go from 1 to %2").arg(port).arg(highest);
        if (port == 0 && zero == Zero::NoPort)
            return tr("Choose the port of the server to connect to");
        return {};
    }
};

} // namespace wirebench
