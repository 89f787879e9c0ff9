#include "ratelimitsnapshot.h"

#include <QDateTime>
#include <QLocale>

namespace {

constexpr qint64 maxLimit = 1'000'000'000;

// A plain non-negative decimal integer no larger than max, else -1.
qint64 parseCount(const QByteArray &raw, qint64 max)
{
    const QByteArray text = raw.trimmed();
    if (text.isEmpty() || text.size() > 12)
        return -1;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return -1;
    }
    const qint64 n = text.toLongLong();
    return n <= max ? n : -1;
}

} // namespace

qint64 RateLimitSnapshot::parseHttpDate(const QByteArray &text)
{
    const QString s = QString::fromLatin1(text.trimmed());
    for (const char *format : {"ddd, dd MMM yyyy hh:mm:ss 'GMT'", "dddd, dd-MMM-yy hh:mm:ss 'GMT'",
                               "ddd MMM d hh:mm:ss yyyy"}) {
        QDateTime t = QLocale::c().toDateTime(s, QLatin1String(format));
        if (t.isValid()) {
            t.setTimeSpec(Qt::UTC);
            if (t.date().year() < 1970)
                t = t.addYears(100);
            return t.toSecsSinceEpoch();
        }
    }
    return -1;
}

RateLimitSnapshot RateLimitSnapshot::fromResponse(int status, const HttpHeaders &headers,
                                                  qint64 nowUnix)
{
    RateLimitSnapshot s;
    s.tooManyRequests = status == 429;
    const QByteArray limitText = Http::value(headers, "X-RateLimit-Limit");
    const QByteArray remainingText = Http::value(headers, "X-RateLimit-Remaining");
    const QByteArray resetText = Http::value(headers, "X-RateLimit-Reset");

    if (!limitText.isNull()) {
        s.limit = int(parseCount(limitText, maxLimit));
        if (s.limit < 0)
            s.problems.append(QStringLiteral("X-RateLimit-Limit \"%1\" is not a count")
                                  .arg(QString::fromLatin1(limitText.left(40))));
    }
    if (!remainingText.isNull()) {
        s.remaining = int(parseCount(remainingText, maxLimit));
        if (s.remaining < 0)
            s.problems.append(QStringLiteral("X-RateLimit-Remaining \"%1\" is not a count")
                                  .arg(QString::fromLatin1(remainingText.left(40))));
    }
    if (s.limit >= 0 && s.remaining > s.limit) {
        s.problems.append(QStringLiteral("X-RateLimit-Remaining is above X-RateLimit-Limit"));
        s.remaining = -1;
    }

    const qint64 dateUnix = parseHttpDate(Http::value(headers, "Date"));
    const qint64 serverNow = dateUnix > 0 ? dateUnix : nowUnix;
    if (!resetText.isNull()) {
        const qint64 reset = parseCount(resetText, 9'999'999'999);
        // Unix seconds between 2001 and 2286, and not further than a day from the server's now.
        if (reset < 1'000'000'000 || reset > serverNow + 86400 || reset < serverNow - 86400) {
            s.problems.append(
                QStringLiteral("X-RateLimit-Reset \"%1\" is not a plausible unix time")
                    .arg(QString::fromLatin1(resetText.left(40))));
        } else {
            s.resetUnix = reset;
            s.waitSecs = std::max<qint64>(0, reset - serverNow);
        }
    }

    const QByteArray retryAfter = Http::value(headers, "Retry-After").trimmed();
    if (!retryAfter.isEmpty()) {
        qint64 wait = parseCount(retryAfter, 86400 * 7);
        if (wait < 0) {
            const qint64 at = parseHttpDate(retryAfter);
            wait = at > 0 ? std::max<qint64>(0, at - serverNow) : -1;
        }
        if (wait >= 0) {
            s.waitSecs = wait;
            s.fromRetryAfter = true;
        } else {
            s.problems.append(QStringLiteral("Retry-After \"%1\" is neither seconds nor a date")
                                  .arg(QString::fromLatin1(retryAfter.left(40))));
        }
    }
    return s;
}
