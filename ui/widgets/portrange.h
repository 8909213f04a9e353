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

    /** Why @p port cannot be used; empty when it can. */
    static QString problem(int port)
    {
        return port > highest ? tr("%1 is not a port: ports go from 1 to %2").arg(port).arg(highest) : QString();
    }
};

} // namespace wirebench
