// ErrorEnvelope::parse reads whatever body an error response has: it must never crash, and
// what it calls an envelope must carry what an envelope has. The scan that reads large bodies
// is run on every input too (parse takes it only from 1 MB up), with its string decoding cut
// at any length.
#include "core/contract/envelopescan.h"
#include "core/contract/errorenvelope.h"
#include "fuzz/fuzzinput.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    static const int statuses[] = {200, 400, 401, 404, 409, 429, 500, 502, 0, -1, 1000};
    const int status = in.PickValueInArray(statuses);
    const qsizetype maxChars = in.ConsumeIntegralInRange<qsizetype>(0, 64);
    static const char *const types[] = {"application/json", "application/json; charset=utf-8",
                                        "text/html", "", "application/problem+json"};
    const QByteArray contentType(in.PickValueInArray(types));
    const QByteArray body = toBytes(in.ConsumeRemainingBytesAsString());

    const ErrorEnvelope envelope = ErrorEnvelope::parse(status, body, contentType);
    (void)ErrorEnvelope::hintFor(envelope.code);
    if (envelope.isEnvelope() && envelope.kind != ErrorEnvelope::Kind::Envelope)
        abort();

    const EnvelopeScan::Result scan = EnvelopeScan::scan(body);
    if (scan.errorObject && !(scan.json && scan.object))
        abort();
    for (const EnvelopeScan::Field *field :
         {&scan.type, &scan.code, &scan.message, &scan.requestId}) {
        // A start of the whole text, cut between characters and escapes.
        const QString text = EnvelopeScan::decodeStart(*field, maxChars);
        const QString whole = EnvelopeScan::decodeStart(*field, 1 << 20);
        if (text.size() > maxChars || !whole.startsWith(text))
            abort();
    }
    return 0;
}
