#pragma once

#include <QByteArray>
#include <QString>

// How a POST gets its Idempotency-Key (Pi: "a UUID or a deterministic hash of the request
// inputs").
enum class IdempotencyMode
{
    RandomUuid,    // a fresh UUID v4 per request (the default)
    Deterministic, // SHA-256 of method, path and body bytes: the same request, the same key
    Manual,        // typed by the user
    None,          // no header (the user turned it off)
};

namespace IdempotencyKeys {

QByteArray newUuid();
QByteArray deterministic(const QByteArray &method, const QString &path, const QByteArray &body);
// The key for a request in that mode; `manual` is used only in Manual mode.
QByteArray keyFor(IdempotencyMode mode, const QByteArray &method, const QString &path,
                  const QByteArray &body, const QByteArray &manual);
// Only POST carries one, as Pi documents.
bool applies(const QByteArray &method);

} // namespace IdempotencyKeys
