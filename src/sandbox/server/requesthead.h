#pragma once

#include "common/http/headerlist.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// The head of one HTTP/1.x request (request line and header fields), parsed from raw bytes
// before any body is read, so the sandbox can refuse a request on what it declares: its
// Content-Length, its Authorization, its framing. Pure: bytes in, fields out.
struct RequestHead
{
    bool ok = false;
    QString error; // why the head is not acceptable, when !ok
    QByteArray method;
    QByteArray target;
    QByteArray version; // "HTTP/1.1" or "HTTP/1.0"
    HttpHeaders headers;
    qint64 contentLength = -1; // -1 when absent
    bool chunked = false;      // Transfer-Encoding: chunked
    bool close = false;        // Connection: close, or HTTP/1.0 without keep-alive

    QByteArray header(const QByteArray &name) const { return Http::value(headers, name); }

    // The index just past the blank line ("\r\n\r\n") that ends a head, or just past a bare
    // LF (which parse() refuses), or -1 when data does not hold a whole head yet. Line ends
    // before `from` are not looked at (they were, in an earlier piece of the same head).
    static qsizetype endOf(QByteArrayView data, qsizetype from = 0);
    // Parses a head: the bytes up to and including its blank line (the blank line may be
    // left out). Refuses what a request smuggler would send: folded lines, bare CR, several
    // differing Content-Lengths, Content-Length with Transfer-Encoding, a coding other than
    // chunked.
    static RequestHead parse(QByteArrayView block);
};
