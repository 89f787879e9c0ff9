#pragma once

#include <QtGlobal>

class QProcess;

// What a process asks of its operating system. On Linux each does what it says; elsewhere
// the portable fallback is noted per function, so Windows and macOS builds compile and run.
namespace Platform {

// The key lives in this process's memory: no core dump, and no ptrace by another process of
// the same user (Linux: RLIMIT_CORE 0 and PR_SET_DUMPABLE 0; other Unix: RLIMIT_CORE 0;
// Windows: nothing, Windows Error Reporting is configured system-wide).
void forbidCoreDumps();

// Raises the soft limit on open descriptors to the hard one and returns the soft limit now in
// force (Unix). Elsewhere returns 8192, a server's usual budget of sockets there.
qint64 raiseDescriptorLimit();

// The child started by `process` gets SIGTERM when this process ends, even killed (Linux:
// PR_SET_PDEATHSIG). Elsewhere the child is stopped only by a clean exit of this process.
void endWithParent(QProcess *process);

} // namespace Platform
