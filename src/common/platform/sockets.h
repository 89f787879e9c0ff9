#pragma once

#include <QtGlobal>

namespace Platform {

// Half-closes a connected socket: no more writes, reads go on (shutdown(SHUT_WR)), so a peer
// reads the whole reply before the connection ends. Does nothing where it is not known.
void shutdownWrites(qintptr descriptor);

} // namespace Platform
