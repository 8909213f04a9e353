#pragma once

#include <netcore/netcore_export.h>

#include <QtCore/QString>

namespace netcore {

/** The library's version, "major.minor.patch". */
NETCORE_EXPORT QString versionString();

} // namespace netcore
