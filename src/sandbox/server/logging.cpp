#include "sandbox/server/logging.h"

Q_LOGGING_CATEGORY(lcSandboxHttp, "pi.sandbox.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSandboxApi, "pi.sandbox.api", QtInfoMsg)
