#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

// HTTP headers in the order they were sent or received; names compare case-insensitively.
using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

namespace Http {

// The first value of that header, or a null QByteArray when it is absent (an empty value is
// empty, not null).
QByteArray value(const HttpHeaders &headers, const QByteArray &name);
bool contains(const HttpHeaders &headers, const QByteArray &name);
// Replaces every header of that name by one, appended at the end.
void set(HttpHeaders *headers, const QByteArray &name, const QByteArray &value);
void remove(HttpHeaders *headers, const QByteArray &name);

} // namespace Http
