#include "sandbox/api/sandboxapi.h"

#include "common/sandbox/demokey.h"
#include "sandbox/server/logging.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QUuid>

namespace {

const QString kInvalidRequest = QStringLiteral("invalid_request_error");

QByteArray newRequestId()
{
    return "req_pi_" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

QByteArray httpDate(qint64 unixMs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(unixMs, Qt::UTC);
    return QLocale::c().toString(t, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
}

const QRegularExpression &chargePath()
{
    static const QRegularExpression pattern(QStringLiteral("^/v1/charges/([A-Za-z0-9_]+)$"));
    return pattern;
}

SandboxReply methodNotAllowed(const QByteArray &method, const QByteArray &allow)
{
    SandboxReply reply =
        SandboxReply::error(405, kInvalidRequest, QStringLiteral("method_not_allowed"),
                            QStringLiteral("%1 is not allowed here; use %2.")
                                .arg(QString::fromLatin1(method), QString::fromLatin1(allow)));
    reply.setHeader("Allow", allow);
    return reply;
}

SandboxReply invalidParameter(const QString &message)
{
    return SandboxReply::error(400, kInvalidRequest, QStringLiteral("parameter_invalid"), message);
}

} // namespace

SandboxApi::SandboxApi(Options options, UnixTimeMs now)
    : m_options(std::move(options))
    , m_now(now ? std::move(now) : [] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_window(m_options.limit, m_options.windowSeconds, m_options.windowOriginUnix)
{
    if (m_options.validKeys.isEmpty())
        m_options.validKeys.append(Sandbox::demoKey());
}

SandboxReply SandboxApi::handle(const SandboxRequest &request)
{
    const qint64 now = m_now();
    QByteArray requestId = newRequestId();
    SandboxReply reply;

    const QString apiKey = checkKey(request, &reply);
    if (!apiKey.isEmpty()) {
        const RateWindow::Decision decision = m_window.take(apiKey, now);
        FaultSpec fault = m_options.fault;
        QString faultError;
        FaultSpec requested;
        const QByteArray faultHeader = request.header("Pi-Sandbox-Fault");
        const bool faultOk =
            faultHeader.isNull() ||
            FaultSpec::parse(QString::fromLatin1(faultHeader), &requested, &faultError);
        fault.mergeFrom(requested);

        if (!decision.allowed) {
            qCDebug(lcSandboxApi) << "rate limit: the" << decision.limit
                                  << "calls of this window are used; it resets at"
                                  << decision.resetUnix;
            reply = SandboxReply::error(
                429, QStringLiteral("rate_limit_error"), QStringLiteral("rate_limit_exceeded"),
                QStringLiteral("Too many requests: %1 per window. The window resets at %2 (%3).")
                    .arg(decision.limit)
                    .arg(decision.resetUnix)
                    .arg(QDateTime::fromSecsSinceEpoch(decision.resetUnix, Qt::UTC)
                             .toString(Qt::ISODate)));
            reply.setHeader("Retry-After", QByteArray::number(decision.retryAfterSecs));
        } else if (!faultOk) {
            reply = invalidParameter(QStringLiteral("Pi-Sandbox-Fault: ") + faultError);
        } else if (qMax<qint64>(request.body.size(), request.declaredBodySize) >
                   m_options.maxBodyBytes) {
            reply = SandboxReply::error(
                413, kInvalidRequest, QStringLiteral("request_too_large"),
                QStringLiteral("The request body is %1 bytes; the limit is %2.")
                    .arg(qMax<qint64>(request.body.size(), request.declaredBodySize))
                    .arg(m_options.maxBodyBytes));
        } else if (fault.status || fault.htmlPage || fault.bodySize >= 0) {
            qCDebug(lcSandboxApi) << "fault injected: status" << fault.status << "html"
                                  << fault.htmlPage << "size" << fault.bodySize;
            reply = injectedFault(fault);
        } else if (request.method == "POST" && request.hasHeader("Idempotency-Key")) {
            reply = idempotentPost(request, apiKey, requestId);
        } else {
            reply = route(request, apiKey);
        }
        // A replay answers with the original call's id.
        const QByteArray replayedId = reply.header("X-Request-Id");
        if (!replayedId.isEmpty())
            requestId = replayedId;
        addRateLimitHeaders(&reply, decision, fault.badRateLimitHeaders);
        reply.dropMidBody = fault.dropMidBody;
        reply.latencyMs = fault.latencyMs;
    } else {
        qCDebug(lcSandboxApi).noquote() << "key refused:"
                                        << reply.json.value(QLatin1String("error"))
                                               .toObject()
                                               .value(QLatin1String("message"))
                                               .toString();
    }

    stamp(&reply, requestId, now);
    return reply;
}

void SandboxApi::stamp(SandboxReply *reply, const QByteArray &requestId, qint64 now) const
{
    reply->finish(requestId);
    reply->setHeader("X-Request-Id", requestId);
    reply->setHeader("Date", httpDate(now));
    reply->setHeader("Cache-Control", "no-store");
}

std::optional<SandboxReply> SandboxApi::precheck(const SandboxRequest &head)
{
    SandboxReply unauthorised;
    if (checkKey(head, &unauthorised).isEmpty()) {
        stamp(&unauthorised, newRequestId(), m_now());
        return unauthorised;
    }
    if (head.declaredBodySize > m_options.maxBodyBytes)
        return handle(head); // the rate-limit window counts it, as any refused call
    return std::nullopt;
}

SandboxReply SandboxApi::refusal(int status, const QString &type, const QString &code,
                                 const QString &message) const
{
    SandboxReply reply = SandboxReply::error(status, type, code, message);
    stamp(&reply, newRequestId(), m_now());
    return reply;
}

QString SandboxApi::checkKey(const SandboxRequest &request, SandboxReply *error) const
{
    const QByteArray authorization = request.header("Authorization").trimmed();
    if (authorization.isEmpty()) {
        *error = SandboxReply::error(401, kInvalidRequest,
                                     QStringLiteral("missing_authorization_header"),
                                     QStringLiteral("Missing Authorization header. Use Bearer "
                                                    "<api_key>."));
        error->setHeader("WWW-Authenticate", "Bearer");
        return {};
    }
    const QList<QByteArray> parts = authorization.simplified().split(' ');
    if (parts.size() != 2 || parts.at(0).compare("Bearer", Qt::CaseInsensitive) != 0) {
        *error = SandboxReply::error(401, kInvalidRequest,
                                     QStringLiteral("missing_authorization_header"),
                                     QStringLiteral("The Authorization header must be Bearer "
                                                    "<api_key>; no other scheme is accepted."));
        error->setHeader("WWW-Authenticate", "Bearer");
        return {};
    }
    const QString key = QString::fromLatin1(parts.at(1));
    QString problem;
    if (m_options.revokedKeys.contains(key))
        problem = QStringLiteral("This API key has been revoked.");
    else if (!isWellFormedKey(key))
        problem = QStringLiteral("The API key is malformed. Pi keys look like pi_… .");
    else if (!m_options.validKeys.contains(key))
        problem = QStringLiteral("The API key is not recognised.");
    if (!problem.isEmpty()) {
        *error =
            SandboxReply::error(401, kInvalidRequest, QStringLiteral("invalid_api_key"), problem);
        error->setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return {};
    }
    return key;
}

void SandboxApi::addRateLimitHeaders(SandboxReply *reply, const RateWindow::Decision &decision,
                                     bool garbage) const
{
    if (garbage) {
        reply->setHeader("X-RateLimit-Limit", "abc");
        reply->setHeader("X-RateLimit-Remaining", "-5");
        reply->setHeader("X-RateLimit-Reset", "99999999999999999999999");
        return;
    }
    reply->setHeader("X-RateLimit-Limit", QByteArray::number(decision.limit));
    reply->setHeader("X-RateLimit-Remaining", QByteArray::number(decision.remaining));
    reply->setHeader("X-RateLimit-Reset", QByteArray::number(decision.resetUnix));
}

SandboxReply SandboxApi::injectedFault(const FaultSpec &fault)
{
    if (fault.htmlPage) {
        SandboxReply reply;
        reply.status = fault.status ? fault.status : 502;
        reply.body = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
                     "<body><center><h1>502 Bad Gateway</h1></center><hr>"
                     "<center>pi-sandbox edge proxy</center></body></html>\n";
        reply.setHeader("Content-Type", "text/html; charset=utf-8");
        return reply;
    }
    if (fault.status) {
        return SandboxReply::error(fault.status, QStringLiteral("api_error"),
                                   QStringLiteral("injected_fault"),
                                   QStringLiteral("The sandbox answered %1 because a fault was "
                                                  "requested.")
                                       .arg(fault.status));
    }
    SandboxReply reply;
    reply.paddingSize = fault.bodySize; // generated while it is sent: never held whole
    reply.setHeader("Content-Type", "application/json");
    return reply;
}

SandboxReply SandboxApi::idempotentPost(const SandboxRequest &request, const QString &apiKey,
                                        const QByteArray &requestId)
{
    const QByteArray key = request.header("Idempotency-Key");
    if (key.isEmpty() || key.size() > 255)
        return invalidParameter(QStringLiteral("Idempotency-Key must be 1 to 255 characters."));

    const qint64 now = m_now();
    const QByteArray hash = IdempotencyStore::hashBody(request.body);
    if (const IdempotencyStore::Entry *entry = m_idempotency.find(apiKey, key, now)) {
        if (entry->bodyHash != hash) {
            return SandboxReply::error(
                409, kInvalidRequest, QStringLiteral("idempotency_key_mismatch"),
                QStringLiteral("This Idempotency-Key was used with a different request body. "
                               "Use a new key for a new request."));
        }
        SandboxReply replay = entry->reply;
        replay.setHeader("Idempotent-Replayed", "true");
        return replay;
    }

    SandboxReply reply = route(request, apiKey);
    reply.finish(requestId);
    reply.setHeader("X-Request-Id", requestId);
    if (reply.status < 500)
        m_idempotency.remember(apiKey, key, IdempotencyStore::Entry{hash, reply, now});
    return reply;
}

bool SandboxApi::isWellFormedKey(const QString &key)
{
    static const QRegularExpression pattern(QStringLiteral("^pi_[A-Za-z0-9_]{8,200}$"));
    return pattern.match(key).hasMatch();
}

QString SandboxApi::routeOf(const QString &path)
{
    static const QStringList fixed{QStringLiteral("/v1/ping"), QStringLiteral("/v1/usage"),
                                   QStringLiteral("/v1/charges")};
    if (fixed.contains(path))
        return path;
    if (chargePath().match(path).hasMatch())
        return QStringLiteral("/v1/charges/{id}");
    return QStringLiteral("(no route)");
}

SandboxReply SandboxApi::route(const SandboxRequest &request, const QString &apiKey)
{
    const QString &path = request.path;
    const QByteArray &method = request.method;

    if (path == QLatin1String("/v1/ping")) {
        if (method != "GET")
            return methodNotAllowed(method, "GET");
        return SandboxReply::ofJson(200, {{QStringLiteral("object"), QStringLiteral("ping")},
                                          {QStringLiteral("ok"), true},
                                          {QStringLiteral("time"), m_now() / 1000}});
    }
    if (path == QLatin1String("/v1/usage")) {
        if (method != "GET")
            return methodNotAllowed(method, "GET");
        return usage(apiKey);
    }
    if (path == QLatin1String("/v1/charges")) {
        if (method == "POST")
            return postCharge(request, apiKey);
        if (method == "GET")
            return listCharges(request, apiKey);
        return methodNotAllowed(method, "GET, POST");
    }
    if (const auto match = chargePath().match(path); match.hasMatch()) {
        if (method != "GET")
            return methodNotAllowed(method, "GET");
        const QJsonObject charge = m_charges.find(apiKey, match.captured(1));
        if (charge.isEmpty()) {
            return SandboxReply::error(
                404, kInvalidRequest, QStringLiteral("resource_missing"),
                QStringLiteral("No charge with id %1.").arg(match.captured(1)));
        }
        return SandboxReply::ofJson(200, charge);
    }
    return SandboxReply::error(
        404, kInvalidRequest, QStringLiteral("route_not_found"),
        QStringLiteral("No route for %1 %2.").arg(QString::fromLatin1(method), path));
}

SandboxReply SandboxApi::postCharge(const SandboxRequest &request, const QString &apiKey)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return SandboxReply::error(400, kInvalidRequest, QStringLiteral("invalid_json"),
                                   QStringLiteral("The body is not valid JSON: %1 at byte %2.")
                                       .arg(parseError.errorString())
                                       .arg(parseError.offset));
    }
    if (!doc.isObject())
        return invalidParameter(QStringLiteral("The body must be a JSON object."));
    const QJsonObject body = doc.object();
    const QJsonValue amount = body.value(QLatin1String("amount"));
    if (amount.isUndefined()) {
        return SandboxReply::error(400, kInvalidRequest, QStringLiteral("parameter_missing"),
                                   QStringLiteral("amount is required."));
    }
    const double value = amount.toDouble(-1);
    if (!amount.isDouble() || value < 1 || value > 99999999 || value != qint64(value))
        return invalidParameter(
            QStringLiteral("amount must be a whole number from 1 to 99999999."));
    const QString currency = body.value(QLatin1String("currency")).toString(QStringLiteral("usd"));
    static const QRegularExpression currencyPattern(QStringLiteral("^[a-z]{3}$"));
    if (!currencyPattern.match(currency).hasMatch())
        return invalidParameter(QStringLiteral("currency must be three lower-case letters."));
    const QJsonValue description = body.value(QLatin1String("description"));
    if (!description.isUndefined() && !description.isString())
        return invalidParameter(QStringLiteral("description must be a string."));

    return SandboxReply::ofJson(
        201, m_charges.create(apiKey, qint64(value), currency, description.toString(), m_now()));
}

SandboxReply SandboxApi::listCharges(const SandboxRequest &request, const QString &apiKey)
{
    int limit = 10;
    if (request.query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = request.query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > 100)
            return invalidParameter(QStringLiteral("limit must be from 1 to 100."));
    }
    const QString after = request.query.queryItemValue(QStringLiteral("starting_after"));
    bool hasMore = false;
    bool cursorFound = false;
    const QList<QJsonObject> page = m_charges.page(apiKey, limit, after, &hasMore, &cursorFound);
    if (!cursorFound)
        return invalidParameter(QStringLiteral("starting_after: no charge with id %1.").arg(after));
    QJsonArray data;
    for (const QJsonObject &charge : page)
        data.append(charge);
    return SandboxReply::ofJson(200, {{QStringLiteral("object"), QStringLiteral("list")},
                                      {QStringLiteral("data"), data},
                                      {QStringLiteral("has_more"), hasMore}});
}

SandboxReply SandboxApi::usage(const QString &apiKey)
{
    const qint64 now = m_now();
    const qint64 start = m_window.windowStartUnix(now);
    return SandboxReply::ofJson(
        200, {{QStringLiteral("object"), QStringLiteral("usage")},
              {QStringLiteral("window_start"), start},
              {QStringLiteral("window_reset"), start + m_options.windowSeconds},
              {QStringLiteral("limit"), m_window.limit()},
              {QStringLiteral("calls"), m_window.used(apiKey, now)},
              {QStringLiteral("billable_units"), m_charges.billableSince(apiKey, start * 1000)}});
}
