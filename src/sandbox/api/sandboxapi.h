#pragma once

#include "sandbox/api/chargebook.h"
#include "sandbox/api/faultspec.h"
#include "sandbox/api/idempotencystore.h"
#include "sandbox/api/ratewindow.h"
#include "sandbox/api/sandboxreply.h"
#include "sandbox/api/sandboxrequest.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <optional>

// The Pi API as the sandbox plays it: Bearer auth, a fixed rate-limit window per key,
// error envelopes with request ids, idempotent POSTs, the demo endpoints and injected faults.
// Pure logic: a request in, a reply out; the server class only moves bytes.
class SandboxApi final
{
public:
    struct Options
    {
        QStringList validKeys;
        QStringList revokedKeys;
        int limit = 20;
        int windowSeconds = 60;
        qint64 windowOriginUnix = 0; // see RateWindow
        FaultSpec fault;
        qint64 maxBodyBytes = 10 * 1024 * 1024;
    };
    // The time now, in unix milliseconds; the system's unless a test sets it.
    using UnixTimeMs = std::function<qint64()>;

    explicit SandboxApi(Options options, UnixTimeMs now = {});

    // The route a path takes, as a template ("/v1/charges/{id}"), or "(no route)": what the
    // log says of a path, since a path may hold anything, a key included.
    static QString routeOf(const QString &path);
    // pi_ and 8 to 200 letters, digits or underscores: the keys Pi issues look so.
    static bool isWellFormedKey(const QString &key);

    SandboxReply handle(const SandboxRequest &request);
    // Decides on a request's head alone, before its body is read: the 401 of a missing or
    // invalid key, or what handle() answers when the declared body is over the limit (413,
    // or 429 first). Empty when the request may go on to its body.
    std::optional<SandboxReply> precheck(const SandboxRequest &head);
    // A finished error envelope for a refusal of the transport (408, 431, 503…), with its
    // request id and Date like every other reply.
    SandboxReply refusal(int status, const QString &type, const QString &code,
                         const QString &message) const;
    qint64 maxBodyBytes() const { return m_options.maxBodyBytes; }

private:
    SandboxReply route(const SandboxRequest &request, const QString &apiKey);
    SandboxReply postCharge(const SandboxRequest &request, const QString &apiKey);
    SandboxReply listCharges(const SandboxRequest &request, const QString &apiKey);
    SandboxReply usage(const QString &apiKey);
    SandboxReply idempotentPost(const SandboxRequest &request, const QString &apiKey,
                                const QByteArray &requestId);
    SandboxReply injectedFault(const FaultSpec &fault);
    void addRateLimitHeaders(SandboxReply *reply, const RateWindow::Decision &decision,
                             bool garbage) const;
    QString checkKey(const SandboxRequest &request, SandboxReply *error) const;
    void stamp(SandboxReply *reply, const QByteArray &requestId, qint64 now) const;

    Options m_options;
    UnixTimeMs m_now;
    RateWindow m_window;
    IdempotencyStore m_idempotency;
    ChargeBook m_charges;
};
