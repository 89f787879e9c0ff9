#include "common/platform/sockets.h"

#include <QFile>

#include <cerrno>

#if defined(Q_OS_UNIX)
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
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

bool peerIsThisUser(qintptr descriptor)
{
#if defined(Q_OS_LINUX)
    ucred peer{};
    socklen_t size = sizeof peer;
    return ::getsockopt(int(descriptor), SOL_SOCKET, SO_PEERCRED, &peer, &size) == 0 &&
           size == sizeof peer && peer.uid == ::getuid();
#else
    Q_UNUSED(descriptor);
    return true;
#endif
}

bool privateFolder(const QString &path)
{
#if defined(Q_OS_UNIX)
    const QByteArray native = QFile::encodeName(path);
    if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST)
        return false;
    struct stat info
    {};
    return ::lstat(native.constData(), &info) == 0 && S_ISDIR(info.st_mode) &&
           info.st_uid == ::getuid() && (info.st_mode & 077) == 0;
#else
    Q_UNUSED(path);
    return true;
#endif
}

} // namespace Platform
