#pragma once

#include "core/net/callrecord.h"

// The text a user pastes into a support ticket about one call: what Pi needs to find it
// (the request id first), what happened, and never the key.
namespace SupportReport {

QString forRecord(const CallRecord &record, const QString &apiKey = {});

} // namespace SupportReport
