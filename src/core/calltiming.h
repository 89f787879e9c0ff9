#pragma once

#include <QtGlobal>

// When each stage of a call happened, in milliseconds after it was queued; -1 if it did not.
struct CallTiming
{
    qint64 connectedMs = -1; // a new connection was opened (-1 on a reused one)
    qint64 sentMs = -1;      // the request was written out
    qint64 firstByteMs = -1; // the response's headers arrived
    qint64 doneMs = -1;
};
