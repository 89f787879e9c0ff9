#pragma once

#include <QElapsedTimer>

// Time, injected: the rate-limit countdown reads it, and tests replace it with TestClock to
// move time by hand.
class Clock
{
public:
    virtual ~Clock() = default;
    // Milliseconds on a clock that never jumps (not the wall clock).
    virtual qint64 monotonicMs() const = 0;

    static const Clock &system();
};

class TestClock final : public Clock
{
public:
    qint64 monotonicMs() const override { return m_monotonicMs; }
    void advanceMs(qint64 ms) { m_monotonicMs += ms; }

private:
    qint64 m_monotonicMs = 1000;
};
