// The key-leak guard: SendPolicy::checkKeyLeak must refuse any request whose path, query,
// header or body carries the key's text, however the fuzzer spells the rest.
#include "core/net/sendpolicy.h"
#include "fuzz/fuzzinput.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    const QString apiKey = takeText(in, 64);
    ApiRequest request;
    request.method = takeBytes(in, 16);
    request.path = takeText(in, 512);
    request.headers = parseHeaderLines(takeBytes(in, 1024));
    const QUrl url(takeText(in, 512));
    request.body = toBytes(in.ConsumeRemainingBytesAsString());

    const QString verdict = SendPolicy::checkKeyLeak(request, url, apiKey);
    (void)SendPolicy::checkTransport(url);

    // Keys shorter than Pi's (pi_ and 8 more) are not held to the property, nor keys holding
    // U+FFFD: bytes that are not UTF-8 decode to it too, so a decoded URL "holds" such a key
    // where no byte of it was sent. The guard compares bytes.
    if (apiKey.size() < 11 || apiKey.contains(QChar::ReplacementCharacter))
        return 0;
    const QByteArray key = apiKey.toUtf8();
    bool carried = request.path.contains(apiKey) || request.body.contains(key) ||
                   url.toEncoded().contains(key) ||
                   QUrl::fromPercentEncoding(url.toEncoded()).contains(apiKey);
    for (const auto &h : std::as_const(request.headers))
        carried = carried || h.first.contains(key) || h.second.contains(key);
    if (carried && verdict.isEmpty())
        abort();
    return 0;
}
