#pragma once

#include <QByteArray>

namespace Http {

// The reason phrase RFC 9110 gives a status code ("Too Many Requests" for 429), or an empty
// QByteArray for a code it does not name.
QByteArray reasonPhrase(int status);

} // namespace Http
