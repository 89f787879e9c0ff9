#include "historyfilter.h"

#include <QStringList>

HistoryFilter HistoryFilter::fromSearchText(const QString &input)
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
        } else {
            words.append(word);
        }
    }
    f.text = words.join(QLatin1Char(' '));
    return f;
}
