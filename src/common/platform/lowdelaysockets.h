#pragma once

// Requests go out without Nagle's delay.
//
// Qt 6.4's HTTP/1 channel writes the request headers, then the body in rounds of 32 KB, and
// never sets TCP_NODELAY: QHttpNetworkConnectionChannel::_q_connected() has the
// LowDelayOption line commented out and sets only KeepAliveOption. With Nagle's algorithm on,
// a body round smaller than a segment waits until the peer ACKs the headers, and a peer with
// delayed ACKs (Linux: 40 ms) holds it that long: every POST of more than a few KB took
// ~44 ms on loopback, a GET 0.3 ms. QNetworkAccessManager gives no access to its sockets,
// so on Linux the SO_KEEPALIVE that Qt sets on each new HTTP connection is the moment
// TCP_NODELAY is set too (setsockopt is wrapped in the executable, which the dynamic linker
// lets take precedence over libc's). Elsewhere this does nothing.
namespace LowDelaySockets {

// True when new HTTP connections get TCP_NODELAY. Calling it also links the wrapper in.
bool active();

} // namespace LowDelaySockets
