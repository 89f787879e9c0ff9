#include "historyfilter.h"

#include <QRegularExpression>
#include <QStringList>

namespace {

// "30m", "2h", "7d" before now, or an ISO date or date-time (UTC when no zone is given).
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
    QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid()) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (day.isValid())
            t = QDateTime(day, QTime(0, 0), Qt::UTC);
    }
    if (t.isValid() && t.timeSpec() == Qt::LocalTime && !text.contains(QLatin1Char('+')))
        t.setTimeSpec(Qt::UTC);
    return t;
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
