#include <netcore/version.h>

namespace netcore {

QString versionString() { return QStringLiteral(NETCORE_VERSION_STRING); }

} // namespace netcore
