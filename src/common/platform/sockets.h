#pragma once

#include <QString>
#include <QtGlobal>

namespace Platform {

// Half-closes a connected socket: no more writes, reads go on (shutdown(SHUT_WR)), so a peer
// reads the whole reply before the connection ends. Does nothing where it is not known.
void shutdownWrites(qintptr descriptor);

// True when the process at the other end of a local (Unix domain) socket runs as this user
// (SO_PEERCRED). False when it does not, or cannot be told. Where there is no such check, true.
bool peerIsThisUser(qintptr descriptor);

// A folder only this user can enter, made (0700) if it is not there: true when `path` is a
// real folder (not a link) owned by this user with no access for others. False, and nothing
// is changed, for anything else: someone else's folder at a name they could guess first.
bool privateFolder(const QString &path);

} // namespace Platform
