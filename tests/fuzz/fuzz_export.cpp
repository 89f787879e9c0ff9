// The exports (HAR 1.2, JSON lines, Copy as cURL) of a call built from fuzz bytes: no crash,
// well-formed JSON, and the key sent in Authorization never in any of them.
#include "core/curl/curlexport.h"
#include "core/curl/shellwords.h"
#include "core/history/historyexport.h"
#include "fuzz/fuzzinput.h"

#include <QJsonDocument>

#include <cstdlib>

namespace {

const QByteArray secret = QByteArrayLiteral("pi_fuzz_secret_key_0123456789");

HttpHeaders takeHeaders(FuzzedDataProvider &in)
{
    HttpHeaders headers = parseHeaderLines(takeBytes(in, 1024));
    if (in.ConsumeBool())
        headers.append({in.ConsumeBool() ? "Authorization" : "authorization", "Bearer " + secret});
    return headers;
}

bool isJson(const QByteArray &text)
{
    QJsonParseError error;
    QJsonDocument::fromJson(text, &error);
    return error.error == QJsonParseError::NoError;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    CallRecord r;
    r.id = in.ConsumeIntegral<qint64>();
    r.profile = takeText(in, 64);
    r.startedUtc = QDateTime::fromMSecsSinceEpoch(
        in.ConsumeIntegralInRange<qint64>(-62135596800000, 253402300799000), Qt::UTC);
    r.method = takeBytes(in, 16);
    r.url = QUrl(takeText(in, 512));
    r.requestHeaders = takeHeaders(in);
    r.requestBody = takeBytes(in);
    r.idempotencyKey = takeBytes(in, 128);
    r.retryOf = in.ConsumeIntegral<qint64>();
    r.outcome = static_cast<CallRecord::Outcome>(in.ConsumeIntegralInRange<int>(0, 5));
    r.errorText = takeText(in, 256);
    r.status = in.ConsumeIntegral<int>();
    r.responseHeaders = takeHeaders(in);
    r.headerRequestId = takeBytes(in, 80);
    r.envelope.kind = static_cast<ErrorEnvelope::Kind>(in.ConsumeIntegralInRange<int>(0, 2));
    r.envelope.type = takeText(in, 64);
    r.envelope.code = takeText(in, 64);
    r.envelope.message = takeText(in, 256);
    r.envelope.requestId = takeText(in, 80);
    r.rateLimit.limit = in.ConsumeIntegral<int>();
    r.rateLimit.remaining = in.ConsumeIntegral<int>();
    r.rateLimit.resetUnix = in.ConsumeIntegral<qint64>();
    r.rateLimit.waitSecs = in.ConsumeIntegral<qint64>();
    r.replayed = in.ConsumeBool();
    r.timing.sentMs = in.ConsumeIntegral<qint64>();
    r.timing.firstByteMs = in.ConsumeIntegral<qint64>();
    r.timing.doneMs = in.ConsumeIntegral<qint64>();
    r.responseBody = toBytes(in.ConsumeRemainingBytesAsString());

    const QList<CallRecord> records{r, r};
    const QByteArray har = HistoryExport::toHar(records);
    const QByteArray lines = HistoryExport::toJsonLines(records);
    const QByteArray curl = CurlExport::fromRecord(r).toUtf8();

    if (!isJson(har))
        abort();
    // Copy as cURL pastes into a shell as the same request: the method and the URL stay one
    // word each, whatever characters they hold.
    QString shellError;
    const QStringList words = ShellWords::split(QString::fromUtf8(curl), &shellError);
    if (!shellError.isEmpty() || words.value(0) != QLatin1String("curl"))
        abort();
    qsizetype next = 1;
    if (r.method != "GET" || !r.requestBody.isEmpty()) {
        if (words.value(1) != QLatin1String("-X") ||
            words.value(2) != QString::fromLatin1(r.method))
            abort();
        next = 3;
    }
    if (words.value(next) != r.url.toString(QUrl::FullyEncoded))
        abort();
    for (const QByteArray &line : lines.split('\n')) {
        if (!line.isEmpty() && !isJson(line))
            abort();
    }

    // The key was only ever in Authorization, unless the fuzz bytes spelled some of it.
    const QByteArray input =
        QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    bool spelled = false;
    for (const char *part : {"fuzz", "secr", "cret", "_key", "0123", "6789"})
        spelled = spelled || input.contains(part);
    if (!spelled && (har.contains(secret) || lines.contains(secret) || curl.contains(secret)))
        abort();
    return 0;
}
