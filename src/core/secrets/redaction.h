#pragma once

#include "core/net/callrecord.h"
#include "core/net/httpheaders.h"
#include "core/secrets/secretpattern.h"

#include <QString>

// The one redaction step: every call record leaving the client, every export, clipboard text
// and log line passes through here, so an API key cannot rest on disk or leave the app in a
// header, a URL, a body or a server's answer, nor in its percent, JSON or base64 encodings.
namespace Redaction {

inline const QByteArray placeholder = QByteArrayLiteral("[redacted]");

// Every key the process has held is remembered, in memory only: the keys of all profiles read
// this run, session keys, PI_API_KEY, a key typed into a dialog. Safe from any thread.
void rememberSecret(const QString &apiKey);
// The length of the longest remembered key, in bytes (0 when none).
qsizetype longestSecret();
// The patterns of every remembered key, and of `extraKey` when given.
QList<SecretPattern> patterns(const QString &extraKey = {});

// Every remembered key (and `apiKey`) replaced, in any of its encodings.
QByteArray bytes(const QByteArray &data, const QString &apiKey = {});
QString text(const QString &data, const QString &apiKey = {});
QByteArray scrub(const QByteArray &data);
QString scrub(const QString &text);
// A header value's start, for quoting in a message: cut only once every known key in it is
// redacted, so no part of a key is left at the cut for a later redaction to miss.
QString excerpt(const QByteArray &value, qsizetype maxChars);
// Whether any remembered key occurs in text, in any of its encodings (what scrub() would
// replace), without making the cleaned copy.
bool holdsSecret(const QString &text);
// Authorization, Proxy-Authorization, Cookie and Set-Cookie values are replaced (names
// compared case-insensitively); any other value has the keys replaced.
HttpHeaders headers(const HttpHeaders &headers, const QString &apiKey = {});
// The record with the keys gone from every field that holds text: URL, headers, bodies,
// error text, envelope, notes.
CallRecord record(const CallRecord &record, const QString &apiKey = {});

// Log lines of every category pass through scrub() before they are printed. Idempotent.
void installLogFilter();

// "pi_…abcd": enough to tell keys apart, not enough to use one.
QString maskKey(const QString &apiKey);

} // namespace Redaction
