#pragma once

#include "core/base/clock.h"

// A clock that moves only when the test says so.
class TestClock final : public Clock
{
public:
    qint64 monotonicMs() const override { return m_monotonicMs; }
    void advanceMs(qint64 ms) { m_monotonicMs += ms; }

private:
    qint64 m_monotonicMs = 1000;
};
