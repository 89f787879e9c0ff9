#include "sandbox/api/faultspec.h"

#include <QStringList>

namespace {

bool parseNumber(const QString &value, qint64 min, qint64 max, qint64 *out)
{
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    if (!ok || n < min || n > max)
        return false;
    *out = n;
    return true;
}

} // namespace

bool FaultSpec::parse(const QString &text, FaultSpec *spec, QString *error)
{
    FaultSpec result;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &rawPart : parts) {
        const QString part = rawPart.trimmed();
        const int eq = part.indexOf(QLatin1Char('='));
        const QString name = (eq < 0 ? part : part.left(eq)).trimmed().toLower();
        const QString value = eq < 0 ? QString() : part.mid(eq + 1).trimmed();
        qint64 n = 0;
        if (name == QLatin1String("latency") && parseNumber(value, 0, 60000, &n)) {
            result.latencyMs = int(n);
        } else if (name == QLatin1String("status") && parseNumber(value, 500, 599, &n)) {
            result.status = int(n);
        } else if (name == QLatin1String("html") && value.isEmpty()) {
            result.htmlPage = true;
        } else if (name == QLatin1String("drop") && value.isEmpty()) {
            result.dropMidBody = true;
        } else if (name == QLatin1String("size") && parseNumber(value, 2, maxBodySize, &n)) {
            result.bodySize = n;
        } else if (name == QLatin1String("bad-ratelimit") && value.isEmpty()) {
            result.badRateLimitHeaders = true;
        } else {
            if (error)
                *error = QStringLiteral("unknown or out-of-range fault \"%1\"; known: latency=MS "
                                        "(0-60000), status=5xx, html, drop, size=BYTES (2-%2), "
                                        "bad-ratelimit")
                             .arg(part)
                             .arg(maxBodySize);
            return false;
        }
    }
    *spec = result;
    return true;
}

void FaultSpec::mergeFrom(const FaultSpec &other)
{
    if (other.latencyMs)
        latencyMs = other.latencyMs;
    if (other.status)
        status = other.status;
    htmlPage = htmlPage || other.htmlPage;
    dropMidBody = dropMidBody || other.dropMidBody;
    if (other.bodySize >= 0)
        bodySize = other.bodySize;
    badRateLimitHeaders = badRateLimitHeaders || other.badRateLimitHeaders;
}

bool FaultSpec::isEmpty() const
{
    return latencyMs == 0 && status == 0 && !htmlPage && !dropMidBody && bodySize < 0 &&
           !badRateLimitHeaders;
}
