#include "core/contract/failuresummary.h"

#include "core/net/idempotencykeys.h"
#include "core/ratelimit/ratelimittracker.h"

#include <QCoreApplication>

namespace {

QString hostPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    const QString host = url.host().contains(QLatin1Char(':'))
                             ? QLatin1Char('[') + url.host() + QLatin1Char(']')
                             : url.host();
    return host + QLatin1Char(':') + QString::number(port);
}

// Server and error text in one line: a 1 MB message must not become a 1 MB label.
QString brief(const QString &text)
{
    const QString line = text.simplified();
    return line.size() > 200 ? line.left(200) + QStringLiteral("…") : line;
}

QString clockTime(const QDateTime &utc)
{
    return utc.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
}

bool looksLikeHtml(const CallRecord &r)
{
    const QByteArray type = Http::value(r.responseHeaders, "Content-Type").trimmed().toLower();
    const QByteArray start = r.responseBody.left(512).trimmed().toLower();
    return type.startsWith("text/html") || start.startsWith("<!doctype html") ||
           start.startsWith("<html");
}

FailureSummary make(QString text, FailureSummary::Action action = FailureSummary::Action::None)
{
    FailureSummary s;
    s.text = std::move(text);
    s.action = action;
    switch (action) {
    case FailureSummary::Action::None:
        break;
    case FailureSummary::Action::SendAtReset:
        s.actionText = FailureSummary::tr("Send at reset");
        break;
    case FailureSummary::Action::TestKey:
        s.actionText = FailureSummary::tr("Test key…");
        break;
    case FailureSummary::Action::Compare:
        s.actionText = FailureSummary::tr("Compare…");
        break;
    case FailureSummary::Action::Profiles:
        s.actionText = FailureSummary::tr("Profiles…");
        break;
    case FailureSummary::Action::Retry:
        s.actionText = FailureSummary::tr("Retry");
        break;
    }
    return s;
}

// A POST without an idempotency key may have had its effect: sending it again is the
// person's decision, not a one-click action.
bool keyless(const CallRecord &r)
{
    return r.idempotencyKey.isEmpty() && IdempotencyKeys::applies(r.method);
}

FailureSummary::Action retryFor(const CallRecord &r)
{
    return keyless(r) ? FailureSummary::Action::None : FailureSummary::Action::Retry;
}

FailureSummary networkFailure(const CallRecord &r)
{
    using Action = FailureSummary::Action;
    const QString where = hostPort(r.url);
    const QString error = brief(r.errorText);
    // Through a proxy, the proxy is named: its failure is not the server's.
    if (!r.proxy.isEmpty())
        return make(error.startsWith(QLatin1String("The proxy"))
                        ? error
                        : FailureSummary::tr("No complete answer from %1 through the proxy %2: %3")
                              .arg(where, r.proxy, error),
                    Action::Profiles);
    if (error.contains(QLatin1String("refused"), Qt::CaseInsensitive))
        return make(
            FailureSummary::tr("Connection refused by %1: is the server running?").arg(where),
            Action::Profiles);
    if (error.contains(QLatin1String("not found"), Qt::CaseInsensitive))
        return make(FailureSummary::tr("%1 was not found: check the profile's base URL.")
                        .arg(brief(r.url.host())),
                    Action::Profiles);
    if (error.startsWith(QLatin1String("TLS")) || error.contains(QLatin1String("SSL")))
        return make(FailureSummary::tr("The TLS handshake with %1 failed: %2").arg(where, error),
                    Action::Profiles);
    return make(FailureSummary::tr("No complete answer from %1: %2").arg(where, error),
                retryFor(r));
}

FailureSummary rateLimited(const CallRecord &r, const QDateTime &now)
{
    const RateLimitSnapshot &rl = r.rateLimit;
    QString used;
    if (rl.hasBudget())
        used = FailureSummary::tr("this key has used %1 of %n request(s)", nullptr, rl.limit)
                   .arg(rl.limit - rl.remaining);
    else
        used = FailureSummary::tr("this key has used its requests for now");
    QDateTime resetAt;
    if (rl.waitSecs >= 0)
        resetAt = r.startedUtc.addMSecs(std::max<qint64>(0, r.timing.doneMs)).addSecs(rl.waitSecs);
    else if (rl.resetUnix > 0)
        resetAt = QDateTime::fromSecsSinceEpoch(rl.resetUnix, Qt::UTC);
    if (!resetAt.isValid())
        return make(
            FailureSummary::tr("429: %1; Pi did not say when the window resets.").arg(used));
    const qint64 msLeft = now.msecsTo(resetAt);
    if (msLeft <= 0)
        return make(FailureSummary::tr("429: %1; the window reset at %2: send again.")
                        .arg(used, clockTime(resetAt)),
                    FailureSummary::Action::Retry);
    return make(FailureSummary::tr("429: %1; the window resets at %2 (in %3).")
                    .arg(used, clockTime(resetAt), RateLimitTracker::formatWait(msLeft)),
                FailureSummary::Action::SendAtReset);
}

FailureSummary unauthorized(const CallRecord &r)
{
    const QString code = r.envelope.code.isEmpty()
                             ? QStringLiteral("401")
                             : QStringLiteral("401 ") + brief(r.envelope.code);
    if (r.keyMask.isEmpty())
        return make(
            FailureSummary::tr("%1: no key was sent: store one for this profile.").arg(code),
            FailureSummary::Action::TestKey);
    return make(FailureSummary::tr("%1: Pi rejected %2: revoked or mistyped.").arg(code, r.keyMask),
                FailureSummary::Action::TestKey);
}

FailureSummary keyMismatch(const CallRecord &r, const CallRecord &original)
{
    const QString key = QString::fromLatin1(r.idempotencyKey.left(4)) + QStringLiteral("…");
    if (!original.id)
        return make(FailureSummary::tr(
                        "409: key %1 was first used with another body, by a call that is not in "
                        "this history.")
                        .arg(key));
    return make(FailureSummary::tr("409: key %1 was first used at %2 with another body.")
                    .arg(key, clockTime(original.startedUtc)),
                FailureSummary::Action::Compare);
}

} // namespace

FailureSummary FailureSummary::of(const CallRecord &r, const CallRecord &original,
                                  const QDateTime &now)
{
    using Outcome = CallRecord::Outcome;
    switch (r.outcome) {
    case Outcome::Completed:
        break;
    case Outcome::Refused:
        return make(FailureSummary::tr("Not sent: %1").arg(brief(r.errorText)));
    case Outcome::Cancelled:
        return make(FailureSummary::tr("Cancelled: %1").arg(brief(r.errorText)), retryFor(r));
    case Outcome::TimedOut:
        return make(FailureSummary::tr("%1 sent no complete answer in time: %2")
                        .arg(hostPort(r.url), brief(r.errorText)),
                    retryFor(r));
    case Outcome::TooLarge:
        return make(brief(r.errorText));
    case Outcome::NetworkError:
        return networkFailure(r);
    }
    if (r.status < 400)
        return {};
    const QString status = QString::number(r.status);
    if (!r.envelope.isEnvelope()) {
        const QString what = looksLikeHtml(r)
                                 ? FailureSummary::tr("the body is an HTML page")
                                 : FailureSummary::tr("the body is not a Pi error envelope");
        if (r.status >= 500)
            return make(FailureSummary::tr("%1 from a proxy, not from Pi: %2.").arg(status, what),
                        retryFor(r));
        return make(FailureSummary::tr("%1 from something other than Pi: %2.").arg(status, what));
    }
    const QString code = r.envelope.code;
    if (r.status == 429)
        return rateLimited(r, now);
    if (r.status == 401)
        return unauthorized(r);
    if (r.status == 409 && code == QLatin1String("idempotency_key_mismatch"))
        return keyMismatch(r, original);
    QString text =
        FailureSummary::tr("%1 %2: %3").arg(status, brief(code), brief(r.envelope.message));
    if (!r.contractProblems.isEmpty())
        text += FailureSummary::tr(" (and: %1)").arg(brief(r.contractProblems.first()));
    if (r.status < 500)
        return make(text);
    if (keyless(r))
        return make(text + FailureSummary::tr(
                               " — Pi failed on its side; this call had no idempotency key, so "
                               "sending it again may repeat what it did."));
    return make(text + (r.idempotencyKey.isEmpty()
                            ? FailureSummary::tr(" — Pi failed on its side; sending again is safe.")
                            : FailureSummary::tr(
                                  " — Pi failed on its side; a retry with the same idempotency "
                                  "key is safe.")),
                Action::Retry);
}
