#include "common/http/headerlist.h"

#include <algorithm>

namespace Http {

namespace {

bool named(const QPair<QByteArray, QByteArray> &header, const QByteArray &name)
{
    return header.first.compare(name, Qt::CaseInsensitive) == 0;
}

} // namespace

QByteArray value(const HttpHeaders &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (named(h, name))
            return h.second.isNull() ? QByteArray("") : h.second;
    }
    return {};
}

bool contains(const HttpHeaders &headers, const QByteArray &name)
{
    return std::any_of(headers.cbegin(), headers.cend(),
                       [&name](const auto &h) { return named(h, name); });
}

void set(HttpHeaders *headers, const QByteArray &name, const QByteArray &value)
{
    remove(headers, name);
    headers->append({name, value});
}

void remove(HttpHeaders *headers, const QByteArray &name)
{
    headers->removeIf([&name](const auto &h) { return named(h, name); });
}

} // namespace Http
