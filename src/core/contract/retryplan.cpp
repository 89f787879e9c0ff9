#include "core/contract/retryplan.h"

#include "core/base/translation.h"
#include "core/net/sendpolicy.h"
#include "core/secrets/redaction.h"

#include <QCoreApplication>

PI_TRANSLATION_CONTEXT("RetryPlan")

namespace RetryPlan {

namespace {

bool isUnder(const QUrl &url, const QUrl &baseUrl)
{
    QString basePath = baseUrl.path();
    if (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    const QString path = url.path();
    return SendPolicy::sameOrigin(url, baseUrl) &&
           (basePath.isEmpty() || path == basePath || path.startsWith(basePath + QLatin1Char('/')));
}

} // namespace

Profile profileFor(const CallRecord &original, const QList<Profile> &profiles, QString *why)
{
    Profile found;
    for (const Profile &p : profiles) {
        if (!original.profileId.isEmpty() && p.id == original.profileId)
            found = p;
    }
    if (!found.isValid() && original.profileId.isEmpty()) {
        // A call recorded before profiles were kept by id: its name, when only one has it.
        QList<Profile> named;
        for (const Profile &p : profiles)
            if (p.name == original.profile)
                named.append(p);
        if (named.size() == 1)
            found = named.first();
    }
    const QString origin =
        original.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toDisplayString();
    if (!found.isValid()) {
        *why = tr("This call went to the profile \"%1\" (%2), which is gone. Nothing was sent: "
                  "its idempotency key means something only to that profile's account.")
                   .arg(original.profile, origin);
        return {};
    }
    if (!isUnder(original.url, found.baseUrl)) {
        *why = tr("The profile \"%1\" now points at %2, not at %3 where this call went. Nothing "
                  "was sent.")
                   .arg(found.name, found.baseUrl.toDisplayString(), origin);
        return {};
    }
    return found;
}

HttpHeaders userHeaders(const HttpHeaders &recorded)
{
    HttpHeaders out;
    for (const auto &h : recorded) {
        bool own = false;
        for (const char *name :
             {"Authorization", "User-Agent", "Accept", "Idempotency-Key", "Content-Type"})
            own = own || h.first.compare(name, Qt::CaseInsensitive) == 0;
        // A value the redaction replaced held a secret: "[redacted]" is not what was sent.
        if (!own && !h.second.contains(Redaction::placeholder))
            out.append(h);
    }
    // A Content-Type the user chose stays; the default one the client adds again.
    const QByteArray type = Http::value(recorded, "Content-Type");
    if (!type.isNull() && type != "application/json")
        out.append({QByteArray("Content-Type"), type});
    return out;
}

QList<QByteArray> redactedHeaders(const HttpHeaders &recorded)
{
    QList<QByteArray> names;
    for (const auto &h : recorded)
        if (h.first.compare("Authorization", Qt::CaseInsensitive) != 0 &&
            h.second.contains(Redaction::placeholder))
            names.append(h.first);
    return names;
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
