#pragma once

#include "core/contract/errorenvelope.h"
#include "core/net/calltiming.h"
#include "core/net/httpheaders.h"
#include "core/ratelimit/ratelimitsnapshot.h"

#include <QDateTime>
#include <QMetaType>
#include <QStringList>
#include <QUrl>

// Everything about one call, as sent and as answered. Built by ApiClient, stored by the
// history, shown by the views. Request headers are already redacted: no key in here.
struct CallRecord
{
    enum class Outcome
    {
        Completed,    // an HTTP response arrived (any status)
        NetworkError, // connection refused, dropped, TLS failure…
        TimedOut,
        Cancelled,
        Refused,  // Pi Console would not send it (key in the URL, cleartext to a remote host…)
        TooLarge, // the response body passed the in-memory cap
    };

    qint64 id = 0;     // history row id; 0 until stored
    QString profile;   // the profile's name
    QString profileId; // the profile's id: a retry goes back to it
    QString keyMask;   // "pi_…abcd": which key was sent, never the key itself
    QDateTime startedUtc;
    QByteArray method;
    QUrl url;
    HttpHeaders requestHeaders; // as sent, redacted
    QByteArray requestBody;     // the exact bytes sent
    QByteArray idempotencyKey;
    qint64 retryOf = 0;

    Outcome outcome = Outcome::Completed;
    QString errorText; // for anything but Completed
    int status = 0;
    HttpHeaders responseHeaders;
    QByteArray responseBody;
    bool responseTruncated = false; // set by the history when it keeps a prefix only

    QByteArray headerRequestId; // X-Request-Id
    ErrorEnvelope envelope;
    bool requestIdMismatch = false; // header and envelope disagree: both are kept
    RateLimitSnapshot rateLimit;
    bool replayed = false;
    QStringList contractProblems;
    QStringList notes; // e.g. "redirect to another origin followed without the key"
    CallTiming timing;
    QString proxy;       // "host:port" of the proxy it went through; empty: none
    bool pinned = false; // kept whatever the retention
    QString pinName;     // what the person called it when pinning; may be empty

    // The id to quote to support: the envelope's for errors, else the header's.
    QByteArray requestId() const
    {
        if (envelope.isEnvelope() && !envelope.requestId.isEmpty())
            return envelope.requestId.toLatin1();
        return headerRequestId;
    }
    bool isError() const { return outcome != Outcome::Completed || status >= 400; }
};

Q_DECLARE_METATYPE(CallRecord)
