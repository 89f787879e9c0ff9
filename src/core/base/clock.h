#pragma once

#include <QElapsedTimer>

// Time, injected: the rate-limit countdowns read it, and tests put a clock of their own in
// its place to move time by hand.
class Clock
{
public:
    virtual ~Clock() = default;
    // Milliseconds on a clock that never jumps (not the wall clock).
    virtual qint64 monotonicMs() const = 0;

    static const Clock &system();
};
