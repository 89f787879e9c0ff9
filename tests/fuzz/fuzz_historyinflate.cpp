// BoundedInflate::inflate reads the compressed bodies of a history file, which anyone who can
// write the file may have crafted: whatever the bytes, nothing past the limit comes out, a
// result that is not ok is empty, and it never crashes.
#include "core/history/boundedinflate.h"
#include "fuzz/fuzzinput.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    const qsizetype limit = in.ConsumeIntegralInRange<qsizetype>(0, 1 << 20);
    const QByteArray packed = toBytes(in.ConsumeRemainingBytesAsString());
    const BoundedInflate::Result r = BoundedInflate::inflate(packed, limit);
    if (r.bytes.size() > limit)
        abort();
    if (!r.ok && !r.bytes.isEmpty())
        abort();
    if (r.cut && r.bytes.size() != limit)
        abort();
    return 0;
}
