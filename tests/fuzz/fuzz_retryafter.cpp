// Retry-After is seconds or an HTTP date; RateLimitSnapshot reads it with parseHttpDate and
// a bounded count. Any value: a wait of at least 0, or none and a problem listed.
#include "core/ratelimit/ratelimitsnapshot.h"
#include "fuzz/fuzzinput.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    const qint64 now = in.ConsumeIntegralInRange<qint64>(0, 4102444800); // up to 2100
    const QByteArray date = takeBytes(in, 64);
    const QByteArray retryAfter = toBytes(in.ConsumeRemainingBytesAsString());

    (void)RateLimitSnapshot::parseHttpDate(retryAfter);
    (void)RateLimitSnapshot::parseHttpDate(date);

    HttpHeaders headers{{"Retry-After", retryAfter}};
    if (!date.isEmpty())
        headers.append({"Date", date});
    const RateLimitSnapshot s = RateLimitSnapshot::fromResponse(429, headers, now);
    if (s.fromRetryAfter && s.waitSecs < 0)
        abort();
    return 0;
}
