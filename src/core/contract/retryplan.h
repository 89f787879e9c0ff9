#pragma once

#include "core/keys/profile.h"
#include "core/net/apirequest.h"
#include "core/net/callrecord.h"

#include <QList>

// A retry with the same idempotency key: the recorded method, path, headers and exact body
// bytes. Pi answers 409 idempotency_key_mismatch when the same key comes with another body,
// so a body that differs from the recorded bytes is named before anything is sent.
namespace RetryPlan {

// The profile the call went to, still pointing where the call went; otherwise an invalid
// profile and, in `why`, what the person should be told. Nothing is to be sent then.
Profile profileFor(const CallRecord &original, const QList<Profile> &profiles, QString *why);
ApiRequest requestFor(const CallRecord &original, const QUrl &baseUrl);
bool bodyDiffers(const CallRecord &original, const QByteArray &composerBody);
// The user's own headers of a recorded call, without those the client adds itself, and
// without those whose value was redacted (a cookie, a token): "[redacted]" is not what went.
HttpHeaders userHeaders(const HttpHeaders &recorded);
// The names of the recorded headers a retry leaves out because they were redacted.
QList<QByteArray> redactedHeaders(const HttpHeaders &recorded);

} // namespace RetryPlan
