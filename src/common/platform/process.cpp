#include "common/platform/process.h"

#include <QProcess>

#include <limits>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif
#if defined(Q_OS_LINUX)
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>
#endif

namespace Platform {

void forbidCoreDumps()
{
#if defined(Q_OS_UNIX)
    const rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
#endif
#if defined(Q_OS_LINUX)
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

qint64 raiseDescriptorLimit()
{
#if defined(Q_OS_UNIX)
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    constexpr rlim_t most = std::numeric_limits<qint64>::max();
    return qint64(limit.rlim_cur == RLIM_INFINITY ? most : qMin(limit.rlim_cur, most));
#else
    return 8192;
#endif
}

void endWithParent(QProcess *process)
{
#if defined(Q_OS_LINUX)
    const pid_t parent = ::getpid();
    process->setChildProcessModifier([parent] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        // The parent may have ended between the fork and the prctl: then no signal comes.
        if (::getppid() != parent)
            ::raise(SIGTERM);
    });
#else
    Q_UNUSED(process);
#endif
}

} // namespace Platform
