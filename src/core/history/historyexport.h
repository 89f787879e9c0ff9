#pragma once

#include "callrecord.h"

#include <QList>

// Calls leaving the app as files: HAR 1.2 for browser tools and proxies, JSON lines for
// scripts. Both pass every header through the redaction function: no key leaves.
namespace HistoryExport {

QByteArray toHar(const QList<CallRecord> &records);
QByteArray toJsonLines(const QList<CallRecord> &records);

} // namespace HistoryExport
