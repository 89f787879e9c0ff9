#pragma once

#include "core/net/httpheaders.h"
#include "core/net/idempotencykeys.h"

#include <QString>

// What the user composed: method, path with query, their headers and the exact body bytes.
// The client adds Authorization, Content-Type, User-Agent and the Idempotency-Key itself.
struct ApiRequest
{
    QByteArray method = "GET";
    QString path; // relative to the profile's base URL, e.g. "/v1/charges?limit=5"
    HttpHeaders headers;
    QByteArray body;
    IdempotencyMode idempotencyMode = IdempotencyMode::RandomUuid;
    // The key to send, whatever the mode but None (typed, generated and shown before sending,
    // or a retry's recorded one); when empty the mode makes one.
    QByteArray idempotencyKey;
    qint64 retryOf = 0;           // the history id of the call this one retries
    QByteArray originalRequestId; // on a retry: the request id of the call it repeats
};
