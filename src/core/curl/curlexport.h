#pragma once

#include "core/net/callrecord.h"

#include <QString>

// A recorded call as a curl command line. It carries "$PI_API_KEY" where the key goes, so it
// can be pasted into a ticket or a shell without giving the key away.
namespace CurlExport {

QString fromRecord(const CallRecord &record);

} // namespace CurlExport
