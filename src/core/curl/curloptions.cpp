#include "core/curl/curloptions.h"

#include <QCoreApplication>

namespace CurlOptions {

namespace {

// Every option whose value must not be taken for the URL is here; an option not here is
// reported as unknown.
const Option options[] = {
    {'X', "--request", Kind::Method},
    {'H', "--header", Kind::Header},
    {'d', "--data", Kind::Data},
    {0, "--data-ascii", Kind::Data},
    {0, "--data-binary", Kind::Data},
    {0, "--data-raw", Kind::DataRaw},
    {0, "--data-urlencode", Kind::DataUrlencode},
    {0, "--json", Kind::Json},
    {0, "--url", Kind::Url},
    {'G', "--get", Kind::Get},
    {'I', "--head", Kind::Head},
    {'s', "--silent", Kind::Quiet},
    {'S', "--show-error", Kind::Quiet},
    {'i', "--include", Kind::Quiet},
    {'v', "--verbose", Kind::Quiet},
    {'L', "--location", Kind::Quiet},
    {'f', "--fail", Kind::Quiet},
    {0, "--fail-with-body", Kind::Quiet},
    {0, "--compressed", Kind::Quiet},
    {0, "--no-progress-meter", Kind::Quiet},
    {'#', "--progress-bar", Kind::Quiet},
    {'k', "--insecure", Kind::Flag,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console never ignores TLS errors")},
    {0, "--basic", Kind::Flag,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi uses Bearer keys, not user:password")},
    {0, "--digest", Kind::Flag,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi uses Bearer keys, not user:password")},
    {'n', "--netrc", Kind::Flag,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi uses Bearer keys, not user:password")},
    {'u', "--user", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi uses Bearer keys, not user:password")},
    {0, "--netrc-file", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi uses Bearer keys, not user:password")},
    {0, "--oauth2-bearer", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "the key comes from the profile")},
    {0, "--aws-sigv4", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi uses Bearer keys, not AWS signatures")},
    {'b', "--cookie", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand",
                       "a cookie may hold a session, and Pi Console sends only the profile's key")},
    {'c', "--cookie-jar", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console keeps no cookies")},
    {'A', "--user-agent", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console sends its own User-Agent")},
    {'e', "--referer", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi does not read the Referer")},
    {'o', "--output", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "the response is shown here, not written to a file")},
    {'D', "--dump-header", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand",
                       "the response headers are shown here, not written to a file")},
    {'w', "--write-out", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "it formats curl's own output")},
    {'m', "--max-time", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console has time-outs of its own")},
    {0, "--connect-timeout", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console has time-outs of its own")},
    {0, "--retry", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand",
                       "Pi Console retries only when asked, with the same idempotency key")},
    {0, "--retry-delay", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand",
                       "Pi Console retries only when asked, with the same idempotency key")},
    {0, "--retry-max-time", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand",
                       "Pi Console retries only when asked, with the same idempotency key")},
    {0, "--max-redirs", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console follows redirects by its own rules")},
    {'x', "--proxy", Kind::Value, QT_TRANSLATE_NOOP("CurlCommand", "a proxy is not set per call")},
    {'U', "--proxy-user", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "a proxy is not set per call")},
    {0, "--noproxy", Kind::Value, QT_TRANSLATE_NOOP("CurlCommand", "a proxy is not set per call")},
    {'E', "--cert", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "client certificates are not imported")},
    {0, "--key", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "client certificates are not imported")},
    {0, "--cert-type", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "client certificates are not imported")},
    {0, "--pass", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "client certificates are not imported")},
    {0, "--cacert", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console trusts the system's certificate authorities")},
    {0, "--capath", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console trusts the system's certificate authorities")},
    {'T', "--upload-file", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "it reads a file; paste the body instead")},
    {'F', "--form", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "multipart forms are not imported; Pi takes JSON bodies")},
    {0, "--form-string", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "multipart forms are not imported; Pi takes JSON bodies")},
    {'r', "--range", Kind::Value, QT_TRANSLATE_NOOP("CurlCommand", "Pi does not serve ranges")},
    {'C', "--continue-at", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi does not serve ranges")},
    {'K', "--config", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "it reads options from a file")},
    {0, "--resolve", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console resolves the host itself")},
    {0, "--connect-to", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console resolves the host itself")},
    {0, "--interface", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console lets the system choose the route")},
    {0, "--limit-rate", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console does not limit its speed")},
    {'Y', "--speed-limit", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console has time-outs of its own")},
    {'y', "--speed-time", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console has time-outs of its own")},
    {'z', "--time-cond", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "conditional requests are not imported")},
};

} // namespace

const Option *findLong(const QString &name)
{
    for (const Option &o : options) {
        if (name == QLatin1String(o.longName))
            return &o;
    }
    return nullptr;
}

const Option *findShort(QChar name)
{
    for (const Option &o : options) {
        if (o.shortName != 0 && name == QLatin1Char(o.shortName))
            return &o;
    }
    return nullptr;
}

bool takesValue(Kind kind)
{
    switch (kind) {
    case Kind::Method:
    case Kind::Header:
    case Kind::Data:
    case Kind::DataRaw:
    case Kind::DataUrlencode:
    case Kind::Json:
    case Kind::Url:
    case Kind::Value:
        return true;
    case Kind::Get:
    case Kind::Head:
    case Kind::Quiet:
    case Kind::Flag:
        return false;
    }
    return false;
}

} // namespace CurlOptions
