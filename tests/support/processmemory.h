#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

// What a process holds in memory, as Linux's /proc says, for tests and benchmarks that
// bound it: resident now (VmRSS) and its peak (VmHWM).
namespace ProcessMemory {

// A field of /proc/PID/status ("VmRSS", "VmHWM"), in KiB, of this process by default; -1
// where it cannot be read.
inline qint64 statusKiB(const QByteArray &field, qint64 pid = 0)
{
    QFile status(pid ? QStringLiteral("/proc/%1/status").arg(pid)
                     : QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray name = field + ':';
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(name))
            return line.mid(name.size()).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// Sets this process's VmHWM to its VmRSS ("5" to clear_refs), so that VmHWM reads the peak
// from now on. False where it cannot.
inline bool resetPeak()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

} // namespace ProcessMemory
