#include <netcore/connectioninfo.h>

#include <netcore/endpoint.h>

namespace netcore {

QString ConnectionInfo::peerString() const
{
    return Endpoint::format(peerAddress, peerPort);
}

} // namespace netcore
