// RateLimitSnapshot::fromResponse reads X-RateLimit-Limit/-Remaining/-Reset, Retry-After and
// Date from any header block: malformed values are dropped, never guessed, never a crash.
#include "core/ratelimit/ratelimitsnapshot.h"
#include "fuzz/fuzzinput.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    const int status = in.ConsumeBool() ? 429 : in.ConsumeIntegral<int>();
    // The fallback for a missing Date comes from this machine's clock: 1970 to 2100.
    const qint64 now = in.ConsumeIntegralInRange<qint64>(0, 4102444800);
    const HttpHeaders headers = parseHeaderLines(toBytes(in.ConsumeRemainingBytesAsString()));

    const RateLimitSnapshot s = RateLimitSnapshot::fromResponse(status, headers, now);
    if (s.limit < -1 || s.remaining < -1 || s.waitSecs < -1)
        abort();
    (void)s.hasBudget();
    (void)s.isEmpty();
    return 0;
}
