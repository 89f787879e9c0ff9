#include "core/net/calltiming.h"

#include <algorithm>
#include <initializer_list>

QList<CallTiming::Phase> CallTiming::phases() const
{
    QList<Phase> out;
    const bool leftTheApp = connectStartMs >= 0 || sentMs >= 0 || firstByteMs >= 0;
    if (doneMs < 0 || !leftTheApp)
        return out;
    // A phase lasts until the next mark that was seen: a call that failed while connecting
    // was connecting until it ended. Marks are clamped in order, so an answer that came before
    // the body was all written (a 401 on the headers, say) ends the sending there.
    const auto until = [this](std::initializer_list<qint64> marks) {
        for (const qint64 m : marks)
            if (m >= 0)
                return m;
        return doneMs;
    };
    qint64 at = 0;
    using Kind = Phase::Kind;
    const auto add = [&](Kind kind, const char *name, qint64 mark) {
        const qint64 end = std::clamp(mark, at, doneMs);
        out.append({kind, tr(name), at, end - at});
        at = end;
    };
    const qint64 sendStart = bodyStartMs >= 0 ? bodyStartMs : sentMs;
    if (newConnection()) {
        add(Kind::Queued, "queued", connectStartMs);
        if (encryptedMs >= 0)
            add(Kind::Connecting, "connecting and TLS", encryptedMs);
        else
            add(Kind::Connecting, "connecting", until({sendStart, firstByteMs}));
    } else {
        add(Kind::Queued, "queued", until({sendStart, firstByteMs}));
    }
    if (bodyStartMs >= 0 || encryptedMs >= 0)
        add(Kind::Sending, "sending", until({sentMs, firstByteMs}));
    if (sentMs >= 0 || firstByteMs >= 0)
        add(Kind::Waiting, "waiting for first byte", until({firstByteMs}));
    if (firstByteMs >= 0)
        add(Kind::Downloading, "downloading", doneMs);
    return out;
}

QString CallTiming::describe() const
{
    QStringList parts;
    for (const Phase &p : phases())
        parts.append(tr("%1 %2 ms").arg(p.name).arg(p.durationMs));
    if (parts.isEmpty())
        return tr("not sent");
    parts.append(newConnection() ? tr("new connection") : tr("connection reused"));
    return parts.join(QStringLiteral(" · "));
}
