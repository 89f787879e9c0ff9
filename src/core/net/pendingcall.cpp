#include "core/net/pendingcall.h"

#include "core/base/logging.h"
#include "core/contract/contractcheck.h"
#include "core/net/apiclient.h"
#include "core/net/proxyrules.h"
#include "core/net/redirectpolicy.h"
#include "core/net/sendpolicy.h"
#include "core/net/tlssettings.h"
#include "core/secrets/redaction.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>
#include <QThreadPool>

#include <algorithm>

PendingCall::PendingCall(QNetworkAccessManager *nam, Endpoint endpoint, ApiRequest request,
                         Limits limits, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_endpoint(std::move(endpoint))
    , m_request(std::move(request))
    , m_limits(limits)
{
    Redaction::rememberSecret(m_endpoint.apiKey);
    m_elapsed.start();
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (m_reply)
            m_reply->abort();
    });

    m_record.profile = m_endpoint.profile;
    m_record.profileId = m_endpoint.profileId;
    m_record.keyMask = Redaction::maskKey(m_endpoint.apiKey);
    m_record.method = m_request.method.toUpper();
    m_record.url = SendPolicy::resolve(m_endpoint.baseUrl, m_request.path);
    // GET and HEAD carry no body, whoever built the request: the composer, a stored call
    // resent, a retry.
    if (m_record.method == "GET" || m_record.method == "HEAD")
        m_request.body.clear();
    m_record.requestBody = m_request.body;
    m_record.retryOf = m_request.retryOf;
    // The key and the bytes belong to the record before anything is sent, so a retry of a
    // call that never got an answer can still reuse both.
    if (IdempotencyKeys::applies(m_record.method)) {
        const bool given =
            !m_request.idempotencyKey.isEmpty() &&
            (m_request.retryOf || m_request.idempotencyMode != IdempotencyMode::None);
        m_record.idempotencyKey =
            given
                ? m_request.idempotencyKey
                : IdempotencyKeys::keyFor(m_request.idempotencyMode, m_record.method,
                                          m_request.path, m_request.body, m_request.idempotencyKey);
    }
}

PendingCall::~PendingCall()
{
    // Gone before it finished (the client is going away): no signal from a half-destroyed call.
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void PendingCall::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_reply)
        m_reply->abort();
    else
        finish(CallRecord::Outcome::Cancelled, tr("Cancelled before it was sent."));
}

void PendingCall::abandon(const QString &why)
{
    if (m_finished)
        return;
    m_cancelled = true;
    m_abandoned = why;
    if (!m_record.startedUtc.isValid())
        m_record.startedUtc = QDateTime::currentDateTimeUtc();
    if (m_reply)
        m_reply->abort();
    else
        finish(CallRecord::Outcome::Cancelled, why);
}

bool PendingCall::awaitingHeaders() const
{
    return m_reply && !m_headersSeen;
}

void PendingCall::stopHeldBack()
{
    if (m_finished || !m_reply)
        return;
    m_heldBack = true;
    m_reply->abort();
}

void PendingCall::start()
{
    if (m_finished)
        return;
    m_record.startedUtc = QDateTime::currentDateTimeUtc();
    m_record.requestHeaders = m_request.headers; // redacted with the rest when the call ends
    const QString refusal = refusalReason();
    if (!refusal.isEmpty()) {
        finish(CallRecord::Outcome::Refused, refusal);
        return;
    }
    m_timeout.start(m_limits.timeoutMs);
    sendTo(m_record.url, m_record.method, m_request.body, true);
}

QString PendingCall::refusalReason() const
{
    return SendPolicy::checkRequest(m_request, m_record.url, m_record.method,
                                    m_record.idempotencyKey, m_endpoint.apiKey);
}

void PendingCall::sendTo(const QUrl &url, const QByteArray &method, const QByteArray &body,
                         bool withKey)
{
    m_sendKey = withKey;
    m_currentMethod = method;
    m_requestBody = body;
    m_responseBody.clear();
    m_headersSeen = false;

    m_route = CallRoute::plan(url, m_endpoint, m_proxies.get());
    if (!m_route.refusal.isEmpty()) {
        finish(CallRecord::Outcome::Refused, m_route.refusal);
        return;
    }
    if (m_redirects == 0 && m_route.viaProxy())
        m_record.proxy = ProxyRules::describe(m_route.proxy);

    QNetworkRequest request(url);
    if (!m_route.tls.isNull())
        request.setSslConfiguration(m_route.tls);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);

    HttpHeaders headers;
    for (const auto &h : m_request.headers) {
        // The client owns these: the key comes only from the profile.
        if (h.first.compare("Authorization", Qt::CaseInsensitive) == 0 ||
            h.first.compare("Idempotency-Key", Qt::CaseInsensitive) == 0)
            continue;
        // Another origin gets none of the credentials meant for Pi (as curl without
        // --location-trusted).
        if (!withKey && RedirectPolicy::isCredentialHeader(h.first))
            continue;
        headers.append(h);
    }
    if (withKey && !m_endpoint.apiKey.isEmpty())
        headers.prepend({"Authorization", "Bearer " + m_endpoint.apiKey.toUtf8()});
    if (!body.isEmpty() && !Http::contains(headers, "Content-Type"))
        Http::set(&headers, "Content-Type", "application/json");
    if (!Http::contains(headers, "Accept"))
        Http::set(&headers, "Accept", "application/json");
    if (!Http::contains(headers, "User-Agent"))
        Http::set(&headers, "User-Agent", ApiClient::userAgent());
    if (!m_record.idempotencyKey.isEmpty() && IdempotencyKeys::applies(method))
        Http::set(&headers, "Idempotency-Key", m_record.idempotencyKey);
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    m_record.requestHeaders = Redaction::headers(headers, m_endpoint.apiKey);

    QNetworkReply *reply =
        body.isEmpty() && method != "POST" && method != "PUT" && method != "PATCH"
            ? m_nam->sendCustomRequest(request, method)
            : m_nam->sendCustomRequest(request, method, body);
    m_reply = reply;
    // Never unbounded: Qt holds the body of a 401 or 407 back until it is whole, so until the
    // status is known no more than the largest body kept is taken in.
    reply->setReadBufferSize(m_limits.maxBodyBytes);

    // The marks of the first hop only: a redirect's own stages are part of its downloading.
    if (m_redirects == 0)
        connectTimingMarks(reply);
    connect(reply, &QNetworkReply::uploadProgress, this, &PendingCall::uploadProgress);
    connect(reply, &QNetworkReply::downloadProgress, this, &PendingCall::downloadProgress);
    // The announced length at once: a 100 MB body is not copied again each time it doubles.
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply] {
        if (!m_headersSeen) {
            m_headersSeen = true;
            m_bytesSeen += 32; // the status line, about
            for (const auto &h : reply->rawHeaderPairs())
                m_bytesSeen += h.first.size() + h.second.size() + 4;
        }
        // Taken in pieces: the network thread waits while this much is unread, so one
        // readyRead never copies tens of megabytes on the UI thread, and no more than this is
        // in flight. Not for a 401 or 407: Qt holds such a body back until it is whole (it may
        // answer the challenge on the same connection), so a smaller limit would stall it for
        // good; it keeps the largest body kept as its limit.
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 401 && status != 407)
            reply->setReadBufferSize(readBufferBytes);
        bool ok = false;
        const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
        if (ok && length > m_responseBody.capacity() && length <= m_limits.maxBodyBytes)
            m_responseBody.reserve(length);
    });
    connect(reply, &QNetworkReply::readyRead, this, &PendingCall::onReadyRead);
    connect(reply, &QNetworkReply::sslErrors, this, &PendingCall::onSslErrors);
    connect(reply, &QNetworkReply::finished, this, &PendingCall::onFinished);
}

void PendingCall::connectTimingMarks(QNetworkReply *reply)
{
    CallTiming *timing = &m_record.timing;
    const auto mark = [this](qint64 *at) {
        if (*at < 0)
            *at = m_elapsed.elapsed();
    };
    connect(reply, &QNetworkReply::socketStartedConnecting, this,
            [timing, mark] { mark(&timing->connectStartMs); });
    connect(reply, &QNetworkReply::encrypted, this, [timing, mark] { mark(&timing->encryptedMs); });
    connect(reply, &QNetworkReply::requestSent, this, [timing, mark] { mark(&timing->sentMs); });
    connect(reply, &QNetworkReply::metaDataChanged, this,
            [timing, mark] { mark(&timing->firstByteMs); });
    connect(reply, &QNetworkReply::uploadProgress, this, [timing, mark](qint64 sent, qint64) {
        if (sent > 0)
            mark(&timing->bodyStartMs);
    });
}

void PendingCall::onReadyRead()
{
    if (!m_reply)
        return;
    if (m_responseBody.size() + m_reply->bytesAvailable() > m_limits.maxBodyBytes) {
        m_tooLarge = true;
        m_reply->abort();
        return;
    }
    // Read into place: the body was reserved at its announced length, and no piece is copied
    // twice.
    const qsizetype at = m_responseBody.size();
    m_responseBody.resize(at + m_reply->bytesAvailable());
    const qint64 got = m_reply->read(m_responseBody.data() + at, m_responseBody.size() - at);
    m_responseBody.resize(at + std::max<qint64>(0, got));
    m_bytesSeen += std::max<qint64>(0, got);
}

void PendingCall::onSslErrors(const QList<QSslError> &errors)
{
    // Never ignored: the reply fails, and the record says exactly why.
    m_sslDetails = TlsSettings::describe(errors);
}

void PendingCall::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    reply->deleteLater();
    m_reply = nullptr;
    m_currentUrl = reply->url();
    const qsizetype seenBefore = m_responseBody.size();
    if (!m_tooLarge && reply->isOpen() && reply->bytesAvailable()) {
        if (m_responseBody.size() + reply->bytesAvailable() > m_limits.maxBodyBytes)
            m_tooLarge = true;
        else
            m_responseBody += reply->readAll();
    }
    m_bytesSeen += m_responseBody.size() - seenBefore;

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_record.status = status;
    m_record.responseHeaders = reply->rawHeaderPairs();
    m_record.responseBody = m_responseBody;

    if (m_cancelled)
        return finish(CallRecord::Outcome::Cancelled,
                      m_abandoned.isEmpty() ? tr("Cancelled.") : m_abandoned);
    if (m_timedOut)
        return finish(CallRecord::Outcome::TimedOut,
                      tr("No complete answer within %1 s.").arg(m_limits.timeoutMs / 1000.0));
    if (m_heldBack)
        return finish(CallRecord::Outcome::TooLarge,
                      tr("The answer passed %1 MB before its status and headers could be read "
                         "(Qt holds a 401 or 407 answer back until it is whole); the call was "
                         "stopped.")
                          .arg(m_limits.maxHeldBackBytes / (1024 * 1024)));
    if (m_tooLarge)
        return finish(CallRecord::Outcome::TooLarge,
                      tr("The response body passed the %1 MB limit kept in memory; the call was "
                         "stopped.")
                          .arg(m_limits.maxBodyBytes / (1024 * 1024)));
    if (reply->error() != QNetworkReply::NoError && status == 0) {
        QString text = m_route.failureText(
            reply->error(), reply->errorString(), m_currentUrl.scheme() == QLatin1String("https"),
            m_record.timing.encryptedMs >= 0, !m_endpoint.network.clientCertificate.isEmpty());
        // Qt keeps a proxy's credentials once given, refused or not: the client decides
        // whether this call's manager must go so that the next call asks again.
        if (m_route.proxyFailed(reply->error(), reply->errorString()))
            if (auto *client = qobject_cast<ApiClient *>(parent()))
                client->proxyFailed(m_managerKey, m_route.proxy);
        if (!m_sslDetails.isEmpty())
            text = tr("TLS error: %1").arg(m_sslDetails);
        return finish(CallRecord::Outcome::NetworkError, text);
    }
    if (reply->error() != QNetworkReply::NoError && status > 0 &&
        reply->error() < QNetworkReply::ContentAccessDenied) {
        // An answer began but the connection broke (a body cut short, say).
        return finish(CallRecord::Outcome::NetworkError,
                      tr("The connection broke during the response: %1").arg(reply->errorString()));
    }
    // QNetworkReply reports a 4xx or 5xx status as an error of its own; any other error with
    // a status below 400 (a body that would not decompress, a protocol failure) means the
    // answer was not read as sent: a failure, never a success with undecoded bytes.
    if (reply->error() != QNetworkReply::NoError && status < 400)
        return finish(
            CallRecord::Outcome::NetworkError,
            tr("The answer (HTTP %1) could not be read: %2").arg(status).arg(reply->errorString()));
    const QString shortBody = checkBodyLength();
    if (!shortBody.isEmpty())
        return finish(CallRecord::Outcome::NetworkError, shortBody);
    if (RedirectPolicy::isRedirect(status) && followRedirect())
        return;
    // An answer came through the proxy: the credentials it was given (if any) work.
    if (m_route.viaProxy())
        if (auto *client = qobject_cast<ApiClient *>(parent()))
            client->proxyWorked(m_route.proxy);
    finish(CallRecord::Outcome::Completed);
}

QString PendingCall::checkBodyLength() const
{
    // QNetworkReply has been seen to report success for a body cut short by a dropped
    // connection, so the promised length is checked here. A compressed body's length is that
    // of the compressed bytes, which are gone by now: no check then.
    const QByteArray encoding = Http::value(m_record.responseHeaders, "Content-Encoding").trimmed();
    if (!encoding.isEmpty() && encoding.compare("identity", Qt::CaseInsensitive) != 0)
        return {};
    bool ok = false;
    const qint64 promised =
        Http::value(m_record.responseHeaders, "Content-Length").trimmed().toLongLong(&ok);
    if (!ok || m_currentMethod == "HEAD" || m_responseBody.size() >= promised)
        return {};
    return tr("The connection closed after %1 of the %2 bytes announced.")
        .arg(m_responseBody.size())
        .arg(promised);
}

bool PendingCall::followRedirect()
{
    const QByteArray location = Http::value(m_record.responseHeaders, "Location");
    if (location.isEmpty())
        return false;
    const RedirectPolicy::Next next = RedirectPolicy::follow(
        {m_record.url, m_currentUrl, location, m_record.status, m_currentMethod, m_requestBody,
         m_sendKey, m_redirects++, m_limits.maxRedirects});
    if (!next.refusal.isEmpty()) {
        finish(next.tooMany ? CallRecord::Outcome::NetworkError : CallRecord::Outcome::Refused,
               next.refusal);
        return true;
    }
    m_record.notes.append(next.note);
    sendTo(next.url, next.method, next.body, next.withKey);
    return true;
}

void PendingCall::finish(CallRecord::Outcome outcome, const QString &errorText)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    m_record.timing.doneMs = m_elapsed.elapsed();
    m_record.outcome = outcome;
    m_record.errorText = errorText;

    const Completion completion{m_endpoint.apiKey, m_request.originalRequestId,
                                QDateTime::currentSecsSinceEpoch()};
    const qsizetype bytes = m_record.responseBody.size() + m_record.requestBody.size();
    if (bytes < completeOffThreadBytes) {
        m_record = complete(m_record, completion);
        emitFinished();
        return;
    }
    // A large body: its envelope is parsed and its keys are redacted on a worker, so the
    // window never waits for either. The result comes back on this thread, to this call if
    // it still exists.
    QPointer<PendingCall> self(this);
    CallRecord record = std::move(m_record);
    m_record = {}; // nothing unredacted is held here meanwhile
    QThreadPool::globalInstance()->start([self, record = std::move(record), completion]() mutable {
        CallRecord done = complete(std::move(record), completion);
        QMetaObject::invokeMethod(QCoreApplication::instance(),
                                  [self, done = std::move(done)]() mutable {
                                      if (!self)
                                          return;
                                      self->m_record = std::move(done);
                                      self->emitFinished();
                                  });
    });
}

CallRecord PendingCall::complete(CallRecord r, const Completion &c)
{
    if (r.outcome == CallRecord::Outcome::Completed) {
        r.headerRequestId = Http::value(r.responseHeaders, "X-Request-Id").trimmed();
        r.envelope = ErrorEnvelope::parse(r.status, r.responseBody,
                                          Http::value(r.responseHeaders, "Content-Type"));
        r.requestIdMismatch = r.envelope.isEnvelope() && !r.envelope.requestId.isEmpty() &&
                              !r.headerRequestId.isEmpty() &&
                              r.envelope.requestId.toLatin1() != r.headerRequestId;
        r.rateLimit = RateLimitSnapshot::fromResponse(r.status, r.responseHeaders, c.nowSecs);
        const bool replayHeader = Http::value(r.responseHeaders, "Idempotent-Replayed")
                                      .trimmed()
                                      .compare("true", Qt::CaseInsensitive) == 0;
        r.replayed = replayHeader ||
                     (!c.originalRequestId.isEmpty() && r.requestId() == c.originalRequestId);
        r.contractProblems = ContractCheck::problems(r);
    }
    // The one point every record leaves the client: from here on, to the views, the history,
    // the exports and the log, it holds no key in any field, refused calls included.
    r = Redaction::record(r, c.apiKey);
    r.envelope.message = ErrorEnvelope::shortened(r.envelope.message);
    return r;
}

void PendingCall::emitFinished()
{
    m_emitted = true;
    qCDebug(lcNet) << m_record.method << m_record.url.path() << "→" << m_record.status
                   << int(m_record.outcome) << m_record.timing.doneMs << "ms";
    Q_EMIT finished(m_record);
}
