#include "httpheaders.h"

namespace Http {

QByteArray value(const HttpHeaders &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second.isNull() ? QByteArray("") : h.second;
    }
    return {};
}

bool contains(const HttpHeaders &headers, const QByteArray &name)
{
    return !value(headers, name).isNull();
}

void set(HttpHeaders *headers, const QByteArray &name, const QByteArray &value)
{
    remove(headers, name);
    headers->append({name, value});
}

void remove(HttpHeaders *headers, const QByteArray &name)
{
    headers->removeIf(
        [&name](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

} // namespace Http
