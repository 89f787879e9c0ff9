#include "core/ratelimit/ratelimitsnapshot.h"

#include "core/secrets/redaction.h"

#include <QDateTime>
#include <QRegularExpression>

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

// Unix seconds of a UTC date and time, or -1 when there is no such moment (or it is before
// 1970). A leap second (:60) is the last second of its minute.
qint64 toUnix(int year, int month, int day, int hour, int minute, int second)
{
    const QDate date(year, month, day);
    const QTime time(hour, minute, second == 60 ? 59 : second);
    if (month < 1 || !date.isValid() || !time.isValid() || year < 1970)
        return -1;
    return QDateTime(date, time, Qt::UTC).toSecsSinceEpoch();
}

// A header's value as a problem quotes it.
QString quoted(const QByteArray &value)
{
    return Redaction::excerpt(value, 40);
}

} // namespace

qint64 RateLimitSnapshot::parseHttpDate(const QByteArray &text)
{
    // RFC 9110 section 5.6.7: the IMF-fixdate every sender must use, and the two obsolete
    // forms a recipient must still accept: RFC 850 (two-digit year) and C's asctime (the
    // day padded with a space, "Nov  6"; "Nov 6" is taken too).
    static const QRegularExpression imfFixdate(
        QStringLiteral("^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ([A-Z][a-z]{2}) (\\d{4}) "
                       "(\\d{2}):(\\d{2}):(\\d{2}) GMT$"));
    static const QRegularExpression rfc850(QStringLiteral(
        "^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-([A-Z][a-z]{2})-"
        "(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$"));
    static const QRegularExpression asctime(
        QStringLiteral("^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ( ?\\d|\\d{2}) "
                       "(\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})$"));
    static const QStringList months = {
        QStringLiteral("Jan"), QStringLiteral("Feb"), QStringLiteral("Mar"), QStringLiteral("Apr"),
        QStringLiteral("May"), QStringLiteral("Jun"), QStringLiteral("Jul"), QStringLiteral("Aug"),
        QStringLiteral("Sep"), QStringLiteral("Oct"), QStringLiteral("Nov"), QStringLiteral("Dec")};

    const QByteArray trimmed = text.trimmed();
    int day = 0, month = 0, year = 0, hour = 0, minute = 0, second = 0;
    // The form every answer uses, read by hand first: the patterns below cost microseconds a
    // call. Exactly what imfFixdate takes: "Sun, 06 Nov 1994 08:49:37 GMT".
    const auto digits = [&trimmed](int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; ++i) {
            const char c = trimmed.at(i);
            if (c < '0' || c > '9')
                return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    };
    static const QByteArrayList weekdays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const QByteArrayList monthNames{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (trimmed.size() == 29 && weekdays.contains(trimmed.first(3)) &&
        trimmed.sliced(3, 2) == ", " && trimmed.at(7) == ' ' && trimmed.at(11) == ' ' &&
        trimmed.at(16) == ' ' && trimmed.at(19) == ':' && trimmed.at(22) == ':' &&
        trimmed.sliced(25) == " GMT" && monthNames.contains(trimmed.sliced(8, 3))) {
        day = digits(5, 2);
        month = int(monthNames.indexOf(trimmed.sliced(8, 3))) + 1;
        year = digits(12, 4);
        hour = digits(17, 2);
        minute = digits(20, 2);
        second = digits(23, 2);
        if (day >= 0 && year >= 0 && hour >= 0 && minute >= 0 && second >= 0)
            return toUnix(year, month, day, hour, minute, second);
    }

    const QString s = QString::fromLatin1(trimmed);
    const auto number = [](const QRegularExpressionMatch &m, int group) {
        return m.capturedView(group).trimmed().toInt(); // bounded to four digits by the pattern
    };
    if (const auto fixdate = imfFixdate.match(s); fixdate.hasMatch()) {
        day = number(fixdate, 1);
        month = int(months.indexOf(fixdate.captured(2))) + 1;
        year = number(fixdate, 3);
        hour = number(fixdate, 4);
        minute = number(fixdate, 5);
        second = number(fixdate, 6);
    } else if (const auto obsolete = rfc850.match(s); obsolete.hasMatch()) {
        day = number(obsolete, 1);
        month = int(months.indexOf(obsolete.captured(2))) + 1;
        // Two digits: 1970 to 2069. RFC 9110 would take a year more than 50 years ahead as
        // the past; this keeps unix time non-negative, which is all that is asked of it.
        year = number(obsolete, 3);
        year += year < 70 ? 2000 : 1900;
        hour = number(obsolete, 4);
        minute = number(obsolete, 5);
        second = number(obsolete, 6);
    } else if (const auto c = asctime.match(s); c.hasMatch()) {
        month = int(months.indexOf(c.captured(1))) + 1;
        day = number(c, 2);
        hour = number(c, 3);
        minute = number(c, 4);
        second = number(c, 5);
        year = number(c, 6);
    } else {
        return -1;
    }
    return toUnix(year, month, day, hour, minute, second);
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
            s.problems.append(
                QStringLiteral("X-RateLimit-Limit \"%1\" is not a count").arg(quoted(limitText)));
    }
    if (!remainingText.isNull()) {
        s.remaining = int(parseCount(remainingText, maxLimit));
        if (s.remaining < 0)
            s.problems.append(QStringLiteral("X-RateLimit-Remaining \"%1\" is not a count")
                                  .arg(quoted(remainingText)));
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
                    .arg(quoted(resetText)));
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
                                  .arg(quoted(retryAfter)));
        }
    }
    return s;
}
