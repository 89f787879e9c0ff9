#pragma once

#include <QString>
#include <QtGlobal>

// Sizes and times the way the window writes them everywhere, so one screen never mixes
// "MB" and "MiB", and a Unix time never appears without a date a person can read.
namespace Readable {

// "512 bytes", "48.0 KB", "3.2 MB": powers of 1,024 with the traditional names, the unit
// the Preferences fields use.
QString size(qint64 bytes);

// "2026-12-07 20:25:00 UTC" for Unix seconds; empty for a value no clock would give.
QString unixTime(qint64 seconds);

} // namespace Readable
