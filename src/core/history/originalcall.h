#pragma once

#include "core/net/callrecord.h"

class HistoryQuery;

// The call Pi stored under a call's idempotency key: the first one it processed (a 2xx, not a
// replay), earlier than this one, made with the same API key at the same place. A 5xx or a
// dropped first attempt was never stored, and Pi keys its store by API key, not by profile, so
// a call on another profile with the same key at the same origin counts.
namespace OriginalCall {

// That call from the history, or a record with id 0 when it is not there (pruned, cleared,
// made from another tool) or the call has no idempotency key.
CallRecord find(const HistoryQuery &query, const CallRecord &record);

} // namespace OriginalCall
