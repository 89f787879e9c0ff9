#pragma once

#include "core/net/callrecord.h"

// What a response got wrong against Pi's documented contract: a missing or malformed
// X-Request-Id, no rate-limit headers on an authenticated response, an error body that is
// not an envelope, request ids that disagree. Each is a sentence for people.
namespace ContractCheck {

QStringList problems(const CallRecord &record);
bool isWellFormedRequestId(const QByteArray &id);

} // namespace ContractCheck
