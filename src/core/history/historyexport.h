#pragma once

#include "core/net/callrecord.h"

#include <QList>

// Calls leaving the app as files: HAR 1.2 for browser tools and proxies, JSON lines for
// scripts. Both pass every header through the redaction function: no key leaves. A body
// that is not UTF-8 is written in base64 and marked: "encoding": "base64" in a response's
// content (HAR 1.2), "_encoding": "base64" in a request's postData; a JSON line has the
// same request and response objects, marked the same way.
namespace HistoryExport {

QByteArray toHar(const QList<CallRecord> &records);
QByteArray toJsonLines(const QList<CallRecord> &records);

} // namespace HistoryExport
