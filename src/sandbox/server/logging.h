#pragma once

#include <QLoggingCategory>

// pi-sandbox's logging categories: pi.sandbox.<module>. Debug lines are off unless asked for
// with --verbose. No line carries a header value: keys travel in them.
Q_DECLARE_LOGGING_CATEGORY(lcSandboxHttp) // pi.sandbox.http: requests, answers, refusals
Q_DECLARE_LOGGING_CATEGORY(lcSandboxApi)  // pi.sandbox.api: keys refused, limits, faults
