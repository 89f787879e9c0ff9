#pragma once

#include "core/net/apirequest.h"

#include <QUrl>

// The security rules of sending, checked before a byte leaves: the key goes only to the
// profile's origin, only over TLS except to loopback, and only in the Authorization header.
namespace SendPolicy {

bool isLoopbackHost(const QString &host);
bool sameOrigin(const QUrl &a, const QUrl &b);
// Empty when the URL may carry the key; otherwise why not.
QString checkTransport(const QUrl &url);
// Empty when the key appears nowhere but where the client will put it; otherwise where.
QString checkKeyLeak(const ApiRequest &request, const QUrl &url, const QString &apiKey);
// Every check a call passes before a byte is sent: the transport, the key only in
// Authorization, headers and the method that cannot split a line, the framing headers Pi
// Console sets itself, an idempotency key by hand that is not empty. Empty when it may go.
QString checkRequest(const ApiRequest &request, const QUrl &url, const QByteArray &method,
                     const QByteArray &idempotencyKey, const QString &apiKey);
QUrl resolve(const QUrl &baseUrl, const QString &path);

} // namespace SendPolicy
