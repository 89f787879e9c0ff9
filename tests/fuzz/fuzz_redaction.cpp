// Redaction: once a key is remembered, Redaction::scrub must leave no copy of it in what goes
// to the clipboard or a file, whatever surrounds it; Redaction::bytes, text and headers must
// not crash on any input.
#include "core/secrets/redaction.h"
#include "fuzz/fuzzinput.h"

#include <QStringList>

#include <cstdlib>

namespace {

// Remembered keys stay for the life of the process: past this many, inputs reuse one of them,
// so the set (and the time each scrub takes) stays bounded over millions of runs.
constexpr int maxRemembered = 64;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QStringList remembered;
    FuzzedDataProvider in(data, size);

    QString key = takeText(in, 64);
    if (remembered.size() >= maxRemembered && !remembered.contains(key))
        key = remembered.at(in.ConsumeIntegralInRange<int>(0, maxRemembered - 1));
    Redaction::rememberSecret(key);
    if (key.size() >= 4 && !remembered.contains(key))
        remembered.append(key);

    const QByteArray payload = toBytes(in.ConsumeRemainingBytesAsString());
    const QString payloadText = QString::fromUtf8(payload);

    const QByteArray scrubbed = Redaction::scrub(payload);
    const QString scrubbedText = Redaction::scrub(payloadText);
    const QByteArray viaBytes = Redaction::bytes(payload, key);
    const QString viaText = Redaction::text(payloadText, key);
    const HttpHeaders headers = Redaction::headers(parseHeaderLines(payload), key);
    (void)Redaction::maskKey(key);

    if (key.size() < 4)
        return 0;
    const QByteArray keyBytes = key.toUtf8();
    if (scrubbed.contains(keyBytes) || scrubbedText.contains(key) || viaBytes.contains(keyBytes) ||
        viaText.contains(key))
        abort();
    for (const auto &h : headers) {
        if (h.second.contains(keyBytes))
            abort();
    }
    return 0;
}
