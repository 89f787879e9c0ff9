#include "common/platform/lowdelaysockets.h"

#include "common/platform/httpsockets.h"

#include <QtGlobal>

#if defined(Q_OS_LINUX)

#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace {

using SetSockOpt = int (*)(int, int, int, const void *, socklen_t);

SetSockOpt libcSetSockOpt()
{
    static const SetSockOpt next =
        reinterpret_cast<SetSockOpt>(dlsym(RTLD_NEXT, "setsockopt")); // NOLINT
    return next;
}

bool isTcp(int fd)
{
    int type = 0;
    int domain = 0;
    socklen_t size = sizeof type;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &size) != 0 || type != SOCK_STREAM)
        return false;
    size = sizeof domain;
    return getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &size) == 0 &&
           (domain == AF_INET || domain == AF_INET6);
}

} // namespace

extern "C" int setsockopt(int fd, int level, int name, const void *value, socklen_t size)
{
    const SetSockOpt next = libcSetSockOpt();
    if (!next)
        return -1;
    const int result = next(fd, level, name, value, size);
    // Qt sets SO_KEEPALIVE on each HTTP connection as it connects: the moment for NODELAY.
    if (result == 0 && level == SOL_SOCKET && name == SO_KEEPALIVE && isTcp(fd)) {
        const int on = 1;
        next(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        HttpSockets::opened(fd);
    }
    return result;
}

bool LowDelaySockets::active()
{
    return libcSetSockOpt() != nullptr;
}

#else

bool LowDelaySockets::active()
{
    return false;
}

#endif
