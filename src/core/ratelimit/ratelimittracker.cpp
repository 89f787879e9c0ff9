#include "core/ratelimit/ratelimittracker.h"

#include <QCoreApplication>

RateLimitTracker::RateLimitTracker(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{}

void RateLimitTracker::observe(const RateLimitSnapshot &snapshot)
{
    if (snapshot.isEmpty() && !snapshot.tooManyRequests)
        return; // a response without budget headers tells us nothing new
    if (snapshot.limit >= 0)
        m_limit = snapshot.limit;
    if (snapshot.remaining >= 0)
        m_remaining = snapshot.remaining;
    else if (snapshot.tooManyRequests)
        m_remaining = 0;
    m_tooMany = snapshot.tooManyRequests;
    if (snapshot.waitSecs >= 0)
        m_waitUntilMs = m_clock.monotonicMs() + snapshot.waitSecs * 1000;
    Q_EMIT changed();
}

qint64 RateLimitTracker::msUntilReset() const
{
    if (m_waitUntilMs < 0)
        return -1;
    return std::max<qint64>(0, m_waitUntilMs - m_clock.monotonicMs());
}

int RateLimitTracker::remaining() const
{
    // Once the window has reset, the whole budget is back.
    if (msUntilReset() == 0 && m_limit >= 0)
        return m_limit;
    return m_remaining;
}

bool RateLimitTracker::exhausted() const
{
    const qint64 wait = msUntilReset();
    if (wait == 0)
        return false;
    return m_remaining == 0 || m_tooMany;
}

QString RateLimitTracker::formatWait(qint64 ms)
{
    const qint64 secs = (ms + 999) / 1000;
    if (secs >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(secs / 3600)
            .arg(secs / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(secs % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(secs / 60).arg(secs % 60, 2, 10, QLatin1Char('0'));
}

QString RateLimitTracker::describe() const
{
    if (!known())
        return QCoreApplication::translate("RateLimitTracker", "No rate-limit information yet");
    const qint64 wait = msUntilReset();
    QString text;
    if (m_limit >= 0 && remaining() >= 0)
        text = QCoreApplication::translate("RateLimitTracker", "%1 of %2 left")
                   .arg(remaining())
                   .arg(m_limit);
    else
        text = QCoreApplication::translate("RateLimitTracker", "budget unknown");
    if (wait > 0)
        text +=
            QCoreApplication::translate("RateLimitTracker", ", resets in %1").arg(formatWait(wait));
    if (exhausted())
        text += QCoreApplication::translate("RateLimitTracker", "; Pi answers 429 until the reset");
    return text;
}
