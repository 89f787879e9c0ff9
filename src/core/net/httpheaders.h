#pragma once

#include "common/http/headerlist.h"

#include <QByteArray>
#include <QString>

// What the client lets a person send as a header.
namespace Http {

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
