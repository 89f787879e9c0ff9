#include "redaction.h"

#include <QStringList>

namespace Redaction {

namespace {

bool isSecretHeader(const QByteArray &name)
{
    for (const char *secret : {"authorization", "proxy-authorization", "cookie", "set-cookie"}) {
        if (name.compare(secret, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QByteArray bytes(const QByteArray &data, const QString &apiKey)
{
    if (apiKey.size() < 4)
        return data;
    QByteArray out = data;
    out.replace(apiKey.toUtf8(), placeholder);
    return out;
}

QString text(const QString &data, const QString &apiKey)
{
    if (apiKey.size() < 4)
        return data;
    QString out = data;
    out.replace(apiKey, QString::fromLatin1(placeholder));
    return out;
}

HttpHeaders headers(const HttpHeaders &in, const QString &apiKey)
{
    HttpHeaders out;
    out.reserve(in.size());
    for (const auto &h : in) {
        if (isSecretHeader(h.first)) {
            const bool bearer = h.second.trimmed().startsWith("Bearer ");
            out.append({h.first, bearer ? "Bearer " + placeholder : placeholder});
        } else {
            out.append({h.first, bytes(h.second, apiKey)});
        }
    }
    return out;
}

namespace {

QStringList &secrets()
{
    static QStringList list;
    return list;
}

} // namespace

void rememberSecret(const QString &apiKey)
{
    if (apiKey.size() >= 4 && !secrets().contains(apiKey))
        secrets().append(apiKey);
}

QString scrub(const QString &text)
{
    QString out = text;
    for (const QString &secret : std::as_const(secrets()))
        out = Redaction::text(out, secret);
    return out;
}

QByteArray scrub(const QByteArray &data)
{
    QByteArray out = data;
    for (const QString &secret : std::as_const(secrets()))
        out = bytes(out, secret);
    return out;
}

QString maskKey(const QString &apiKey)
{
    if (apiKey.isEmpty())
        return {};
    const qsizetype underscore = apiKey.indexOf(QLatin1Char('_'));
    const QString prefix =
        underscore > 0 && underscore < 8 ? apiKey.left(underscore + 1) : QString();
    if (apiKey.size() < 12)
        return prefix + QStringLiteral("…");
    return prefix + QStringLiteral("…") + apiKey.right(4);
}

} // namespace Redaction
