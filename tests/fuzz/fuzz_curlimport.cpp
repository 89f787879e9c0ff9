// Paste curl…: CurlImport::parse reads any text a person pastes. It must never crash, and
// what it accepts must be a request Pi Console can show and send.
#include "core/curl/curlexport.h"
#include "core/curl/curlimport.h"
#include "core/curl/shellwords.h"
#include "fuzz/fuzzinput.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString commandLine = QString::fromUtf8(
        QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));

    QString error;
    (void)ShellWords::split(commandLine, &error);

    const CurlImport::Parsed parsed = CurlImport::parse(commandLine);
    if (parsed.ok && !parsed.error.isEmpty())
        abort();
    if (!parsed.ok && parsed.error.isEmpty())
        abort();
    if (!parsed.ok)
        return 0;

    // What was imported, exported as Copy as cURL and imported again, is the same request.
    CallRecord record;
    record.method = parsed.request.method;
    record.url = parsed.url;
    record.requestHeaders = parsed.request.headers;
    record.requestBody = parsed.request.body;
    // Same as sent: the origin, the path and query, the method and the body (not the fragment,
    // which no request carries, nor how the URL is spelled).
    const CurlImport::Parsed again = CurlImport::parse(CurlExport::fromRecord(record));
    const auto origin = [](const QUrl &url) {
        return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    };
    if (!again.ok || again.request.method != parsed.request.method ||
        origin(again.url) != origin(parsed.url) || again.request.path != parsed.request.path ||
        again.request.body != parsed.request.body) {
        fprintf(stderr, "before: %s %s %s\nafter:  %s %s %s\n", parsed.request.method.constData(),
                qPrintable(parsed.url.toString()), qPrintable(parsed.request.path),
                again.request.method.constData(), qPrintable(again.url.toString()),
                qPrintable(again.request.path));
        abort();
    }
    return 0;
}
