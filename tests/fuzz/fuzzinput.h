#pragma once

// Helpers that turn libFuzzer's bytes into the Qt types the core reads.

#include "core/net/httpheaders.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <QByteArray>
#include <QString>

#include <string>

inline QByteArray toBytes(const std::string &s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

inline QByteArray takeBytes(FuzzedDataProvider &in, size_t maxLength = 4096)
{
    return toBytes(in.ConsumeRandomLengthString(maxLength));
}

inline QString takeText(FuzzedDataProvider &in, size_t maxLength = 4096)
{
    return QString::fromUtf8(takeBytes(in, maxLength));
}

// Header lines "Name: value", one per line, as a server (or a fuzzer) might send them.
inline HttpHeaders parseHeaderLines(const QByteArray &block)
{
    HttpHeaders headers;
    for (const QByteArray &line : block.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return headers;
}
