#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// HTTP headers in the order they were sent or received; names compare case-insensitively.
using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

namespace Http {

// The first value of that header, or a null QByteArray when it is absent.
QByteArray value(const HttpHeaders &headers, const QByteArray &name);
bool contains(const HttpHeaders &headers, const QByteArray &name);
void set(HttpHeaders *headers, const QByteArray &name, const QByteArray &value);
void remove(HttpHeaders *headers, const QByteArray &name);

// RFC 9110: a field name is a token; a value holds no CR, LF, NUL or other control character
// but tab. A line break in a value would end the header and start another one (a second
// Authorization, or a request smuggled through a proxy). Empty when the header may be sent;
// otherwise why not, naming the header.
QString problem(const QByteArray &name, const QByteArray &value);
// The first header's problem, or empty.
QString problem(const HttpHeaders &headers);
// Headers that decide where a request goes and where it ends (Host, Content-Length,
// Transfer-Encoding, Connection…): the client sets them, a person never does. A second
// framing from a user header would let a body hide another request.
bool isFraming(const QByteArray &name);

} // namespace Http
