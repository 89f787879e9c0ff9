#pragma once

#include "core/contract/errorenvelope.h"
#include "core/net/callrecord.h"

#include <QString>

// Calls as ApiClient would record them, for tests and benchmarks of the history.
namespace SampleCalls {

inline CallRecord make(int n, int status = 200, const QString &code = {})
{
    CallRecord r;
    r.profile = QStringLiteral("Sandbox");
    r.startedUtc = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000LL + n * 1000LL, Qt::UTC);
    r.method = n % 3 == 0 ? "POST" : "GET";
    r.url = QUrl(QStringLiteral("http://127.0.0.1:8080/v1/%1/%2?page=%3")
                     .arg(n % 3 == 0 ? QStringLiteral("charges") : QStringLiteral("ping"))
                     .arg(n)
                     .arg(n % 7));
    r.requestHeaders = {{"Authorization", "Bearer [redacted]"}, {"Accept", "application/json"}};
    if (r.method == "POST") {
        r.requestBody = QByteArray("{\"amount\": ") + QByteArray::number(n) + "}";
        r.idempotencyKey = "idem-" + QByteArray::number(n / 2);
    }
    r.status = status;
    r.headerRequestId = QStringLiteral("req_pi_%1-0000-4000-8000-000000000000")
                            .arg(n, 8, 16, QLatin1Char('0'))
                            .toLatin1();
    r.responseHeaders = {{"Content-Type", "application/json"}, {"X-Request-Id", r.headerRequestId}};
    if (status >= 400) {
        const QString c = code.isEmpty() ? QStringLiteral("invalid_api_key") : code;
        r.responseBody = "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"" +
                         c.toLatin1() + "\",\"message\":\"Call " + QByteArray::number(n) +
                         " failed: key revoked\",\"request_id\":\"" + r.headerRequestId + "\"}}";
        r.envelope = ErrorEnvelope::parse(status, r.responseBody, "application/json");
    } else {
        r.responseBody = "{\"ok\":true,\"n\":" + QByteArray::number(n) + "}";
    }
    r.rateLimit.limit = 100;
    r.rateLimit.remaining = 100 - n % 100;
    r.rateLimit.resetUnix = 1'800'000'060;
    r.rateLimit.waitSecs = 60 - n % 60;
    r.timing = {1, 2, 3 + n % 20, 4 + n % 40};
    return r;
}

// A body as the history stores it compressed (qCompress's format) that inflates to 300 MB of
// zeros while its header says 16 bytes: what a crafted history file may hold.
inline QByteArray inflationBomb()
{
    QByteArray bomb = qCompress(QByteArray(300 * 1024 * 1024, '\0'), 9);
    bomb[0] = bomb[1] = bomb[2] = 0;
    bomb[3] = 16;
    return bomb;
}

} // namespace SampleCalls
