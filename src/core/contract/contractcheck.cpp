#include "core/contract/contractcheck.h"

#include "core/base/translation.h"
#include "core/secrets/redaction.h"

#include <QCoreApplication>
#include <QRegularExpression>

PI_TRANSLATION_CONTEXT("ContractCheck")

namespace ContractCheck {

bool isWellFormedRequestId(const QByteArray &id)
{
    // Pi documents req_pi_<uuid>; its own examples shorten the uuid, so accept hex and dashes.
    static const QRegularExpression pattern(QStringLiteral("^req_pi_[0-9A-Fa-f-]{6,64}$"));
    return pattern.match(QString::fromLatin1(id)).hasMatch();
}

QStringList problems(const CallRecord &r)
{
    QStringList out;
    if (r.outcome != CallRecord::Outcome::Completed)
        return out;
    if (r.headerRequestId.isEmpty())
        out.append(tr("The response has no X-Request-Id header."));
    else if (!isWellFormedRequestId(r.headerRequestId))
        out.append(tr("X-Request-Id \"%1\" is not of the form req_pi_<uuid>.")
                       .arg(Redaction::excerpt(r.headerRequestId, 80)));
    const bool authenticated = r.status != 401 && r.status < 500;
    const bool hasBudgetHeaders = Http::contains(r.responseHeaders, "X-RateLimit-Limit") ||
                                  Http::contains(r.responseHeaders, "X-RateLimit-Remaining") ||
                                  Http::contains(r.responseHeaders, "X-RateLimit-Reset");
    if (authenticated && !hasBudgetHeaders)
        out.append(tr("An authenticated response without X-RateLimit-* headers."));
    for (const QString &p : r.rateLimit.problems)
        out.append(p + QLatin1Char('.'));
    if (r.status >= 400 && r.envelope.kind == ErrorEnvelope::Kind::NotEnvelope)
        out.append(
            tr("Not a Pi error envelope: %1.").arg(r.envelope.problems.join(QStringLiteral("; "))));
    else if (r.envelope.isEnvelope() && !r.envelope.problems.isEmpty())
        out.append(tr("Incomplete error envelope: %1.")
                       .arg(r.envelope.problems.join(QStringLiteral("; "))));
    if (r.requestIdMismatch)
        out.append(tr("X-Request-Id %1 differs from the envelope's request_id %2.")
                       .arg(QString::fromLatin1(r.headerRequestId), r.envelope.requestId));
    return out;
}

} // namespace ContractCheck
