#include "common/platform/httpsockets.h"

#include "common/platform/lowdelaysockets.h"

#if defined(Q_OS_LINUX)

#include <QHash>
#include <QMutex>

#include <algorithm>
#include <cstddef>
#include <limits>

#include <linux/sockios.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

namespace {

struct Registry
{
    QMutex mutex;
    QHash<int, quint64> received; // descriptor → bytes received when last asked
};

Registry &registry()
{
    static Registry r;
    return r;
}

// Bytes read from a TCP socket over its life: received, less what still waits in the kernel
// unread (a slow reader's full buffer is not Qt's). False when fd is no TCP socket (any more).
bool bytesRead(int fd, quint64 *bytes)
{
    tcp_info info{};
    socklen_t size = sizeof info;
    int unread = 0;
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &size) != 0 ||
        size < offsetof(tcp_info, tcpi_bytes_received) + sizeof info.tcpi_bytes_received ||
        ioctl(fd, SIOCINQ, &unread) != 0)
        return false;
    *bytes = info.tcpi_bytes_received -
             std::min<quint64>(info.tcpi_bytes_received, quint64(std::max(0, unread)));
    return true;
}

} // namespace

bool HttpSockets::counted()
{
    return LowDelaySockets::active(); // its socket option wrapper is what calls opened()
}

void HttpSockets::opened(int fd)
{
    Registry &r = registry();
    const QMutexLocker lock(&r.mutex);
    r.received.insert(fd, 0); // a new connection, even on a descriptor used before
}

qint64 HttpSockets::receivedSinceLastAsked()
{
    Registry &r = registry();
    const QMutexLocker lock(&r.mutex);
    quint64 total = 0;
    for (auto it = r.received.begin(); it != r.received.end();) {
        quint64 now = 0;
        if (!bytesRead(it.key(), &now)) {
            it = r.received.erase(it);
            continue;
        }
        // Fewer than before: the descriptor now holds another connection.
        total += now >= it.value() ? now - it.value() : now;
        it.value() = now;
        ++it;
    }
    return qint64(std::min<quint64>(total, quint64(std::numeric_limits<qint64>::max())));
}

#else

bool HttpSockets::counted()
{
    return false;
}

void HttpSockets::opened(int) {}

qint64 HttpSockets::receivedSinceLastAsked()
{
    return 0;
}

#endif
