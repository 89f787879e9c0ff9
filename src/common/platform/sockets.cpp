#include "common/platform/sockets.h"

#if defined(Q_OS_UNIX)
#include <sys/socket.h>
#elif defined(Q_OS_WIN)
#include <winsock2.h>
#endif

namespace Platform {

void shutdownWrites(qintptr descriptor)
{
#if defined(Q_OS_UNIX)
    ::shutdown(int(descriptor), SHUT_WR);
#elif defined(Q_OS_WIN)
    ::shutdown(SOCKET(descriptor), SD_SEND);
#else
    Q_UNUSED(descriptor);
#endif
}

} // namespace Platform
