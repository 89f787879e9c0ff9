#pragma once

#include <QString>

// A fault the sandbox injects into a response, chosen by the --fault flag or by the
// Pi-Sandbox-Fault request header, e.g. "latency=250,status=503" or "html" or "drop".
struct FaultSpec
{
    int latencyMs = 0;
    int status = 0;        // a 5xx answered with an api_error envelope instead of the route
    bool htmlPage = false; // a proxy's HTML 502 page instead of an envelope
    bool dropMidBody = false;
    qint64 bodySize = -1; // a JSON body of exactly this many bytes
    bool badRateLimitHeaders = false;

    static constexpr qint64 maxBodySize = 100 * 1024 * 1024;

    // Parses a comma-separated spec. Returns false and sets error for anything it does not know.
    static bool parse(const QString &text, FaultSpec *spec, QString *error);

    // Merges another spec on top of this one: what other sets wins.
    void mergeFrom(const FaultSpec &other);
    bool isEmpty() const;
};
