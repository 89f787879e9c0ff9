#pragma once

#include "httpheaders.h"

#include <QString>

// The one redaction function: everything the app writes to disk or to the clipboard passes
// through here, so an API key cannot leave in a header, a URL or a pasted body.
namespace Redaction {

inline const QByteArray placeholder = QByteArrayLiteral("[redacted]");

// Authorization, Proxy-Authorization and Cookie values are replaced, names compared
// case-insensitively; any other value that contains the key has the key replaced.
HttpHeaders headers(const HttpHeaders &headers, const QString &apiKey = {});
QByteArray bytes(const QByteArray &data, const QString &apiKey);
QString text(const QString &data, const QString &apiKey);
// "pi_…abcd": enough to tell keys apart, not enough to use one.
QString maskKey(const QString &apiKey);

// Every key the process has held is remembered (in memory only), so text bound for the
// clipboard or a file can be scrubbed of all of them without knowing which profile it is.
void rememberSecret(const QString &apiKey);
QString scrub(const QString &text);
QByteArray scrub(const QByteArray &data);

} // namespace Redaction
