#include "core/report/supportreport.h"

#include "common/version.h"
#include "core/base/readable.h"
#include "core/secrets/redaction.h"

#include <QSysInfo>

namespace SupportReport {

namespace {

QString readableReset(qint64 unix)
{
    const QString when = Readable::unixTime(unix);
    return when.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(when);
}

} // namespace

QString forRecord(const CallRecord &r, const QString &apiKey)
{
    QStringList lines;
    const auto add = [&lines](const char *label, const QString &value) {
        if (!value.isEmpty())
            lines.append(QLatin1String(label) + QStringLiteral(": ") + value);
    };
    add("Request ID", QString::fromLatin1(r.requestId()));
    if (r.requestIdMismatch)
        add("X-Request-Id header", QString::fromLatin1(r.headerRequestId));
    add("Time (UTC)", r.startedUtc.toUTC().toString(Qt::ISODateWithMs));
    add("Request", QString::fromLatin1(r.method) + QLatin1Char(' ') +
                       r.url.adjusted(QUrl::RemoveUserInfo).toString(QUrl::FullyEncoded));
    add("Profile", r.profile);
    add("Status",
        r.outcome == CallRecord::Outcome::Completed ? QString::number(r.status) : r.errorText);
    if (r.envelope.isEnvelope()) {
        add("Error type", r.envelope.type);
        add("Error code", r.envelope.code);
        add("Error message", r.envelope.message);
    } else if (r.envelope.kind == ErrorEnvelope::Kind::NotEnvelope) {
        add("Error body", QStringLiteral("not a Pi error envelope (%1)")
                              .arg(r.envelope.problems.join(QStringLiteral("; "))));
    }
    add("Idempotency-Key", QString::fromLatin1(r.idempotencyKey));
    if (r.replayed)
        add("Replayed", QStringLiteral("yes"));
    if (r.rateLimit.hasBudget())
        add("Rate limit", QStringLiteral("%1 of %2 left, reset at %3%4")
                              .arg(r.rateLimit.remaining)
                              .arg(r.rateLimit.limit)
                              .arg(r.rateLimit.resetUnix)
                              .arg(readableReset(r.rateLimit.resetUnix)));
    add("Proxy", r.proxy);
    if (r.timing.doneMs >= 0)
        add("Timing",
            QStringLiteral("%1 ms in all: %2").arg(r.timing.doneMs).arg(r.timing.describe()));
    add("Client", QStringLiteral("Pi Console %1 on %2")
                      .arg(QStringLiteral(PICONSOLE_VERSION), QSysInfo::prettyProductName()));
    return Redaction::text(lines.join(QLatin1Char('\n')), apiKey);
}

} // namespace SupportReport
