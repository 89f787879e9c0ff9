#pragma once

#include <QByteArray>

// Inflates what qCompress() wrote (a 4-byte big-endian length, then a zlib stream) without
// trusting it: at most `limit` bytes come out, whatever the length says or the stream expands
// to, so a crafted history row cannot take the memory or the time of an unbounded inflate.
namespace BoundedInflate {

struct Result
{
    QByteArray bytes; // what was inflated, at most the limit
    bool ok = false;  // the stream was read to its end, or to the limit
    bool cut = false; // the stream went on past the limit: bytes is its start
};

Result inflate(const QByteArray &packed, qsizetype limit);

} // namespace BoundedInflate
