#include "core/net/idempotencykeys.h"

#include <QCryptographicHash>
#include <QUuid>

namespace IdempotencyKeys {

QByteArray newUuid()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

QByteArray deterministic(const QByteArray &method, const QString &path, const QByteArray &body)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    // Length-prefixed fields, so ("AB", "C") and ("A", "BC") never collide.
    for (const QByteArray &part : {method.toUpper(), path.toUtf8(), body}) {
        hash.addData(QByteArray(QByteArray::number(part.size()) + ':'));
        hash.addData(part);
    }
    return hash.result().toHex();
}

QByteArray keyFor(IdempotencyMode mode, const QByteArray &method, const QString &path,
                  const QByteArray &body, const QByteArray &manual)
{
    switch (mode) {
    case IdempotencyMode::RandomUuid:
        return newUuid();
    case IdempotencyMode::Deterministic:
        return deterministic(method, path, body);
    case IdempotencyMode::Manual:
        return manual.trimmed();
    case IdempotencyMode::None:
        return {};
    }
    return {};
}

bool applies(const QByteArray &method)
{
    return method.compare("POST", Qt::CaseInsensitive) == 0;
}

} // namespace IdempotencyKeys
