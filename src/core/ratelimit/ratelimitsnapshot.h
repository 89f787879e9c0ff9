#pragma once

#include "core/net/httpheaders.h"

#include <QStringList>

// The rate-limit state one response told us: X-RateLimit-Limit/Remaining/Reset, Retry-After
// and the server's Date. Malformed values are dropped (and listed), never guessed at.
struct RateLimitSnapshot
{
    int limit = -1;     // -1: not given or malformed
    int remaining = -1; // -1: not given or malformed
    qint64 resetUnix = 0;
    // Seconds from the response until the window resets, measured on the server's clock
    // (Reset − Date), or Retry-After when present; -1 when unknown.
    qint64 waitSecs = -1;
    bool fromRetryAfter = false;
    bool tooManyRequests = false; // the response was a 429
    QStringList problems;

    bool hasBudget() const { return limit >= 0 && remaining >= 0; }
    bool isEmpty() const { return limit < 0 && remaining < 0 && waitSecs < 0; }

    // nowUtc stands in for a missing Date header.
    static RateLimitSnapshot fromResponse(int status, const HttpHeaders &headers, qint64 nowUnix);
    static qint64 parseHttpDate(const QByteArray &text); // unix seconds, or -1
};
