#include <netcore/error.h>

namespace netcore {

Error::Error(ErrorCode code, QString message, QByteArray rawFrame)
    : code(code), message(std::move(message)), rawFrame(std::move(rawFrame))
{
    if (this->rawFrame.size() > rawFrameLimit)
        this->rawFrame.truncate(rawFrameLimit);
}

} // namespace netcore
