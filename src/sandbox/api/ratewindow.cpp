#include "sandbox/api/ratewindow.h"

#include <algorithm>

RateWindow::RateWindow(int limit, int windowSeconds, qint64 originUnix)
    : m_limit(std::max(1, limit))
    , m_windowSeconds(std::max(1, windowSeconds))
    , m_originUnix(originUnix)
{}

qint64 RateWindow::windowStartUnix(qint64 nowMs) const
{
    const qint64 sinceOrigin = nowMs / 1000 - m_originUnix;
    qint64 into = sinceOrigin % m_windowSeconds;
    if (into < 0)
        into += m_windowSeconds;
    return nowMs / 1000 - into;
}

RateWindow::Decision RateWindow::take(const QString &apiKey, qint64 nowMs)
{
    const qint64 start = windowStartUnix(nowMs);
    Counter &counter = m_counters[apiKey];
    if (counter.windowStart != start)
        counter = Counter{start, 0};

    Decision d;
    d.limit = m_limit;
    d.resetUnix = start + m_windowSeconds;
    if (counter.count >= m_limit) {
        d.allowed = false;
        d.remaining = 0;
        // Round up: a client that waits Retry-After seconds must land in the next window.
        d.retryAfterSecs = std::max<qint64>(1, (d.resetUnix * 1000 - nowMs + 999) / 1000);
        return d;
    }
    ++counter.count;
    d.allowed = true;
    d.remaining = m_limit - counter.count;
    return d;
}

int RateWindow::used(const QString &apiKey, qint64 nowMs) const
{
    const auto it = m_counters.constFind(apiKey);
    if (it == m_counters.cend() || it->windowStart != windowStartUnix(nowMs))
        return 0;
    return it->count;
}
