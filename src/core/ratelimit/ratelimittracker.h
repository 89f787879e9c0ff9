#pragma once

#include "core/base/clock.h"
#include "core/ratelimit/ratelimitsnapshot.h"

#include <QObject>

// One profile's rate-limit budget, kept from the latest response that carried one. The wait
// until reset is taken from the server's own clock and counted down on a monotonic clock,
// so a wrong clock on this machine changes nothing.
class RateLimitTracker final : public QObject
{
    Q_OBJECT

public:
    explicit RateLimitTracker(const Clock &clock = Clock::system(), QObject *parent = nullptr);

    void observe(const RateLimitSnapshot &snapshot);

    bool known() const { return m_limit >= 0 || m_waitUntilMs >= 0; }
    int limit() const { return m_limit; }
    int remaining() const;       // the budget, back to limit once the window has reset
    qint64 msUntilReset() const; // -1 when unknown, 0 when reset
    // Pi answers 429 until the reset: remaining is 0 (or the last answer was a 429).
    bool exhausted() const;
    // "42 of 100 left, resets in 0:37"; "No rate-limit information yet" before any.
    QString describe() const;

    static QString formatWait(qint64 ms);

Q_SIGNALS:
    void changed();

private:
    const Clock &m_clock;
    int m_limit = -1;
    int m_remaining = -1;
    bool m_tooMany = false;
    qint64 m_waitUntilMs = -1; // monotonic
};
