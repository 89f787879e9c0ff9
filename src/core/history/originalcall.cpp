#include "core/history/originalcall.h"

#include "core/history/historyquery.h"

namespace OriginalCall {

namespace {

QUrl origin(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery);
}

bool processedByPi(const HistoryRow &row)
{
    return row.outcome == int(CallRecord::Outcome::Completed) && row.status >= 200 &&
           row.status < 300 && !row.replayed;
}

} // namespace

CallRecord find(const HistoryQuery &query, const CallRecord &record)
{
    if (record.idempotencyKey.isEmpty())
        return {};
    const qint64 startedMs = record.startedUtc.toMSecsSinceEpoch();
    for (const HistoryRow &row : query.chain(record.idempotencyKey)) {
        if (row.id == record.id || row.startedMs >= startedMs || !processedByPi(row))
            continue;
        // Judged on the row as stored: bodies are inflated for the one found, not for each.
        HistoryCodec::Packed packed = query.loadPacked(row.id);
        const CallRecord &candidate = packed.record;
        const bool sameProfile =
            !record.profileId.isEmpty() && candidate.profileId == record.profileId;
        const bool sameKey = !record.keyMask.isEmpty() && candidate.keyMask == record.keyMask &&
                             origin(candidate.url) == origin(record.url);
        if (candidate.id && (sameProfile || sameKey))
            return HistoryCodec::unpack(std::move(packed));
    }
    return {};
}

} // namespace OriginalCall
