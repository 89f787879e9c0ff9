// ErrorEnvelope::parse reads whatever body an error response has: it must never crash, and
// what it calls an envelope must carry what an envelope has.
#include "contract/errorenvelope.h"
#include "fuzz/fuzzinput.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    static const int statuses[] = {200, 400, 401, 404, 409, 429, 500, 502, 0, -1, 1000};
    const int status = in.PickValueInArray(statuses);
    static const char *const types[] = {"application/json", "application/json; charset=utf-8",
                                        "text/html", "", "application/problem+json"};
    const QByteArray contentType(in.PickValueInArray(types));
    const QByteArray body = toBytes(in.ConsumeRemainingBytesAsString());

    const ErrorEnvelope envelope = ErrorEnvelope::parse(status, body, contentType);
    (void)ErrorEnvelope::hintFor(envelope.code);
    if (envelope.isEnvelope() && envelope.kind != ErrorEnvelope::Kind::Envelope)
        abort();
    return 0;
}
