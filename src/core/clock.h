#pragma once

#include <QDateTime>
#include <QElapsedTimer>

// Time, injected: the rate-limit countdown and the history's timestamps read it, and tests
// replace it with TestClock to move time by hand.
class Clock
{
public:
    virtual ~Clock() = default;
    // Milliseconds on a clock that never jumps (not the wall clock).
    virtual qint64 monotonicMs() const = 0;
    virtual QDateTime nowUtc() const = 0;

    static const Clock &system();
};

class TestClock final : public Clock
{
public:
    qint64 monotonicMs() const override { return m_monotonicMs; }
    QDateTime nowUtc() const override { return m_now; }
    void advanceMs(qint64 ms)
    {
        m_monotonicMs += ms;
        m_now = m_now.addMSecs(ms);
    }
    void setNowUtc(const QDateTime &now) { m_now = now; }

private:
    qint64 m_monotonicMs = 1000;
    QDateTime m_now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
};
