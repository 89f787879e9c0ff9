#include "core/history/historyfilter.h"

#include <QRegularExpression>
#include <QStringList>

namespace {

// A run of ASCII digits as a number; the callers' patterns bound its length, so it fits.
int digits(QStringView text)
{
    int n = 0;
    for (const QChar c : text)
        n = n * 10 + (c.unicode() - '0');
    return n;
}

// "30m", "2h", "7d" before now, or an ISO date or date-time (UTC when no zone is given):
// "2026-11-26", "2026-11-26t10:00", "2026-11-26t10:00:00.250z", "2026-11-26t10:00+01:00".
// The text is lower case. Every field is read with a bounded number of digits and checked
// against its range, so nothing overflows; anything else, a time or an offset out of range
// included, is not a time (the word stays a word) rather than a guess.
QDateTime parseTime(const QString &text, const QDateTime &now)
{
    static const QRegularExpression relative(QStringLiteral("^(\\d+)([mhd])$"));
    if (const auto m = relative.match(text); m.hasMatch()) {
        bool ok = false;
        const qint64 n = m.captured(1).toLongLong(&ok);
        const QChar unit = m.captured(2).at(0);
        const qint64 secs = unit == QLatin1Char('m') ? 60 : unit == QLatin1Char('h') ? 3600 : 86400;
        // Further back than 10,000 years is not a time (and n * secs could overflow).
        constexpr qint64 maxBack = 10'000LL * 366 * 86400;
        if (!ok || n > maxBack / secs)
            return {};
        return now.addSecs(-n * secs);
    }
    static const QRegularExpression absolute(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})"
                       "(?:t(\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?"
                       "(z|([+-])(\\d{2})(?::?(\\d{2}))?)?)?$"));
    const auto m = absolute.match(text);
    if (!m.hasMatch())
        return {};
    const QDate day(digits(m.capturedView(1)), digits(m.capturedView(2)),
                    digits(m.capturedView(3)));
    if (!day.isValid())
        return {};
    if (!m.hasCaptured(4))
        return QDateTime(day, QTime(0, 0), Qt::UTC);
    const int hour = digits(m.capturedView(4));
    const int minute = digits(m.capturedView(5));
    const int second = m.hasCaptured(6) ? digits(m.capturedView(6)) : 0;
    // Milliseconds: the first three digits of the fraction, however many follow.
    const QString fraction = QString(m.captured(7) + QStringLiteral("000")).left(3);
    const int msec = digits(fraction);
    const bool endOfDay = hour == 24 && minute == 0 && second == 0 && msec == 0;
    const QTime time(endOfDay ? 0 : hour, minute, second, msec);
    if (!time.isValid())
        return {};
    QDateTime t(endOfDay ? day.addDays(1) : day, time, Qt::UTC);
    if (m.hasCaptured(9)) {
        const int offsetHours = digits(m.capturedView(10));
        const int offsetMinutes = m.hasCaptured(11) ? digits(m.capturedView(11)) : 0;
        if (offsetHours > 23 || offsetMinutes > 59)
            return {};
        const int offset = (offsetHours * 3600 + offsetMinutes * 60) *
                           (m.captured(9) == QLatin1String("-") ? -1 : 1);
        t = QDateTime(t.date(), t.time(), Qt::OffsetFromUTC, offset);
    }
    return t.isValid() ? t : QDateTime();
}

} // namespace

HistoryFilter HistoryFilter::fromSearchText(const QString &input, const QDateTime &now)
{
    HistoryFilter f;
    QStringList words;
    for (const QString &word : input.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString lower = word.toLower();
        if (lower.startsWith(QLatin1String("req_pi_")) || lower == QLatin1String("req_pi") ||
            lower == QLatin1String("req_")) {
            f.requestIdPrefix = word;
        } else if (lower.startsWith(QLatin1String("status:"))) {
            const QString v = lower.mid(7);
            if (v.startsWith(QLatin1Char('2')))
                f.statusClass = StatusClass::Success2xx;
            else if (v.startsWith(QLatin1Char('3')))
                f.statusClass = StatusClass::Redirect3xx;
            else if (v.startsWith(QLatin1Char('4')))
                f.statusClass = StatusClass::Client4xx;
            else if (v.startsWith(QLatin1Char('5')))
                f.statusClass = StatusClass::Server5xx;
            else
                f.statusClass = StatusClass::NoResponse;
        } else if (lower.startsWith(QLatin1String("code:"))) {
            f.errorCode = word.mid(5);
        } else if (lower.startsWith(QLatin1String("method:"))) {
            f.method = word.mid(7).toUpper().toLatin1();
        } else if (lower.startsWith(QLatin1String("pinned:"))) {
            f.pinnedOnly = true;
            f.pinName = word.mid(7);
        } else if (lower.startsWith(QLatin1String("key:"))) {
            f.idempotencyKey = word.mid(4);
        } else if (lower.startsWith(QLatin1String("since:")) &&
                   parseTime(lower.mid(6), now).isValid()) {
            f.from = parseTime(lower.mid(6), now);
        } else if (lower.startsWith(QLatin1String("until:")) &&
                   parseTime(lower.mid(6), now).isValid()) {
            f.to = parseTime(lower.mid(6), now);
        } else {
            words.append(word);
        }
    }
    f.text = words.join(QLatin1Char(' '));
    return f;
}
