#pragma once

#include <QtGlobal>

// How much Qt Network has read from the HTTP connections it opened in this process, as the
// kernel counts it (TCP_INFO's bytes received, less SIOCINQ's unread), whether or not Qt has
// handed it on.
//
// Qt 6.4 holds the body of a 401 or 407 back until it is whole (it may answer the challenge on
// the same connection): no readyRead, no progress, no headers, and no read buffer limit, so a
// server that answers 401 and streams without end fills the process's memory, and nothing
// above Qt Network can see it coming. These counts can: bytes received that no call has been
// handed are bytes Qt is holding. The connections are the TCP sockets Qt sets SO_KEEPALIVE on
// as it opens an HTTP connection (see LowDelaySockets). Linux only; elsewhere nothing is
// counted.
namespace HttpSockets {

// True where connections are counted.
bool counted();
// Bytes read from those connections since the previous call (the first time: since they
// opened). Connections that closed are forgotten. Thread-safe.
qint64 receivedSinceLastAsked();
// Called by the socket option wrapper when Qt opens an HTTP connection on descriptor fd.
void opened(int fd);

} // namespace HttpSockets
