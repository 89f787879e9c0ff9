#include "core/net/sendpolicy.h"

#include "core/base/translation.h"
#include "core/net/httpheaders.h"
#include "core/net/idempotencykeys.h"
#include "core/secrets/redaction.h"

#include <QCoreApplication>
#include <QHostAddress>

#include <algorithm>

PI_TRANSLATION_CONTEXT("SendPolicy")

namespace SendPolicy {

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto defaultPort = [](const QUrl &u) {
        return u.scheme() == QLatin1String("https") ? 443 : 80;
    };
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(defaultPort(a)) == b.port(defaultPort(b));
}

QString checkTransport(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return tr("\"%1\" is not a valid URL.").arg(url.toDisplayString());
    if (url.scheme() == QLatin1String("https"))
        return {};
    if (url.scheme() == QLatin1String("http")) {
        if (isLoopbackHost(url.host()))
            return {};
        return tr("The key is never sent over cleartext http:// except to this machine "
                  "(127.0.0.1, ::1, localhost). Use https:// for %1.")
            .arg(url.host());
    }
    return tr("Only http:// and https:// URLs can be called, not \"%1\".").arg(url.scheme());
}

QString checkKeyLeak(const ApiRequest &request, const QUrl &url, const QString &apiKey)
{
    // The same patterns the redaction uses: the key of this call and every other key this
    // run has held, as written or percent-, JSON- or base64-encoded.
    const QList<SecretPattern> keys = Redaction::patterns(apiKey);
    const auto holdsKey = [&keys](QByteArrayView data) {
        return std::any_of(keys.cbegin(), keys.cend(),
                           [data](const SecretPattern &p) { return p.occursIn(data); });
    };
    if (holdsKey(request.path.toUtf8()) || holdsKey(url.toEncoded()))
        return tr("An API key appears in the URL. Pi takes the key only in the Authorization "
                  "header, which Pi Console adds itself: remove it from the path or query.");
    for (const auto &h : request.headers) {
        if (holdsKey(h.first) || holdsKey(h.second))
            return tr("An API key appears in the header \"%1\". Pi Console sends it only as "
                      "Authorization: Bearer; remove it from that header.")
                .arg(QString::fromLatin1(Redaction::scrub(h.first)));
    }
    if (holdsKey(request.method) || holdsKey(request.idempotencyKey))
        return tr("An API key appears in the method or the idempotency key. Pi takes the key "
                  "only in the Authorization header; remove it from there.");
    if (holdsKey(request.body))
        return tr("An API key appears in the request body. Pi takes the key only in the "
                  "Authorization header; remove it from the body.");
    return {};
}

QUrl resolve(const QUrl &baseUrl, const QString &path)
{
    QString base = baseUrl.toString(QUrl::StripTrailingSlash);
    QString tail = path.trimmed();
    if (!tail.startsWith(QLatin1Char('/')))
        tail.prepend(QLatin1Char('/'));
    return QUrl(base + tail, QUrl::TolerantMode);
}

QString checkRequest(const ApiRequest &request, const QUrl &url, const QByteArray &method,
                     const QByteArray &idempotencyKey, const QString &apiKey)
{
    QString refusal = checkTransport(url);
    if (refusal.isEmpty())
        refusal = checkKeyLeak(request, url, apiKey);
    // Whatever filled the request (the editor, a pasted curl command, the history), nothing
    // reaches the wire that could end a header line early.
    if (refusal.isEmpty())
        refusal = Http::problem(request.headers);
    for (const auto &h : request.headers) {
        if (refusal.isEmpty() && Http::isFraming(h.first))
            refusal = tr("The header \"%1\" is set by Pi Console itself: remove it from the "
                         "request's headers.")
                          .arg(QString::fromLatin1(h.first));
    }
    if (refusal.isEmpty() && !Http::problem(method, {}).isEmpty())
        refusal = tr("The method is not a valid HTTP method: letters only, no spaces or line "
                     "breaks.");
    if (refusal.isEmpty() && !idempotencyKey.isEmpty())
        refusal = Http::problem("Idempotency-Key", idempotencyKey);
    if (refusal.isEmpty() && request.idempotencyMode == IdempotencyMode::Manual &&
        IdempotencyKeys::applies(method) && idempotencyKey.isEmpty())
        refusal = tr("The idempotency key is set to \"by hand\" but is empty.");
    return refusal;
}

} // namespace SendPolicy
