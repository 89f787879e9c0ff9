#include "retryplan.h"

namespace RetryPlan {

HttpHeaders userHeaders(const HttpHeaders &recorded)
{
    HttpHeaders out;
    for (const auto &h : recorded) {
        bool own = false;
        for (const char *name :
             {"Authorization", "User-Agent", "Accept", "Idempotency-Key", "Content-Type"})
            own = own || h.first.compare(name, Qt::CaseInsensitive) == 0;
        if (!own)
            out.append(h);
    }
    // A Content-Type the user chose stays; the default one the client adds again.
    const QByteArray type = Http::value(recorded, "Content-Type");
    if (!type.isNull() && type != "application/json")
        out.append({QByteArray("Content-Type"), type});
    return out;
}

ApiRequest requestFor(const CallRecord &original, const QUrl &baseUrl)
{
    ApiRequest r;
    r.method = original.method;
    QString path = original.url.path(QUrl::FullyEncoded);
    const QString basePath = baseUrl.path(QUrl::FullyEncoded);
    if (basePath.size() > 1 && path.startsWith(basePath))
        path =
            path.mid(basePath.endsWith(QLatin1Char('/')) ? basePath.size() - 1 : basePath.size());
    if (original.url.hasQuery())
        path += QLatin1Char('?') + original.url.query(QUrl::FullyEncoded);
    r.path = path;
    r.headers = userHeaders(original.requestHeaders);
    r.body = original.requestBody;
    r.idempotencyMode = IdempotencyMode::Manual;
    r.idempotencyKey = original.idempotencyKey;
    r.retryOf = original.id;
    r.originalRequestId = original.requestId();
    return r;
}

bool bodyDiffers(const CallRecord &original, const QByteArray &composerBody)
{
    return original.requestBody != composerBody;
}

} // namespace RetryPlan
