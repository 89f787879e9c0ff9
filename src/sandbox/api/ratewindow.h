#pragma once

#include <QHash>
#include <QString>

// A fixed rate-limit window per API key: `limit` requests in each window of `windowSeconds`,
// windows following each other from originUnix (0: aligned on multiples of the window length
// in unix time, as Pi's are; a test sets it to now, to start at the beginning of one).
class RateWindow final
{
public:
    struct Decision
    {
        bool allowed = false;
        int limit = 0;
        int remaining = 0;
        qint64 resetUnix = 0;      // when the current window ends, unix seconds
        qint64 retryAfterSecs = 0; // only meaningful when not allowed
    };

    RateWindow(int limit, int windowSeconds, qint64 originUnix = 0);

    // Counts one request for the key at time nowMs (unix milliseconds).
    Decision take(const QString &apiKey, qint64 nowMs);
    // Calls counted in the key's current window, for /v1/usage.
    int used(const QString &apiKey, qint64 nowMs) const;
    qint64 windowStartUnix(qint64 nowMs) const;
    int limit() const { return m_limit; }

private:
    struct Counter
    {
        qint64 windowStart = 0;
        int count = 0;
    };

    int m_limit;
    int m_windowSeconds;
    qint64 m_originUnix;
    QHash<QString, Counter> m_counters;
};
