#include "core/net/redirectpolicy.h"

#include "core/base/translation.h"
#include "core/net/sendpolicy.h"

PI_TRANSLATION_CONTEXT("PendingCall")

namespace RedirectPolicy {

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool isCredentialHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    if (lower == "idempotency-key")
        return false;
    for (const char *word : {"authorization", "cookie", "auth", "token", "secret", "key", "session",
                             "password", "signature", "credential"}) {
        if (lower.contains(word))
            return true;
    }
    return false;
}

Next follow(const Hop &hop)
{
    Next next;
    const QUrl &from = hop.addressed;
    const QUrl target = hop.current.resolved(QUrl::fromEncoded(hop.location));
    const auto origin = [](const QUrl &url) {
        return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toDisplayString();
    };
    if (hop.redirectsSoFar + 1 > hop.maxRedirects) {
        next.tooMany = true;
        next.refusal = tr("More than %1 redirects; stopped.").arg(hop.maxRedirects);
        return next;
    }
    // Judged against the hop it comes from: a chain that went up to https does not come down.
    if (hop.current.scheme() == QLatin1String("https") &&
        target.scheme() != QLatin1String("https")) {
        next.refusal = tr("Redirect from https to %1 refused.").arg(target.toDisplayString());
        return next;
    }
    // A redirect obeys the rules of the request: cleartext only to this machine, whichever
    // origin it points at.
    if (const QString transport = SendPolicy::checkTransport(target); !transport.isEmpty()) {
        next.refusal = tr("Redirect to %1 refused: %2").arg(target.toDisplayString(), transport);
        return next;
    }
    const bool sameOrigin = SendPolicy::sameOrigin(target, from) && hop.withKey;
    next.url = target;
    next.method = hop.method;
    next.body = hop.body;
    next.withKey = sameOrigin;
    if (hop.status == 303 || ((hop.status == 301 || hop.status == 302) && hop.method == "POST")) {
        next.method = "GET";
        next.body.clear();
    }
    // The body goes only to the origin the person addressed, whatever the status and the
    // method: a PUT answered 302, say, would otherwise arrive elsewhere whole.
    if (!sameOrigin && !next.body.isEmpty()) {
        next.refusal = tr("Redirect from %1 to another origin, %2, refused: the request body "
                          "would go there too (a %3 keeps it). Call that origin directly if "
                          "you trust it.")
                           .arg(origin(from), origin(target))
                           .arg(hop.status);
        return next;
    }
    next.note = sameOrigin ? tr("Redirected to %1.").arg(target.toDisplayString())
                           : tr("Redirected to another origin (%1): followed without the API "
                                "key, cookies or credential headers.")
                                 .arg(origin(target));
    return next;
}

} // namespace RedirectPolicy
