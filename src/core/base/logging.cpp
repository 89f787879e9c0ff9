#include "core/base/logging.h"

Q_LOGGING_CATEGORY(lcNet, "pi.core.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKeys, "pi.core.keys", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHistory, "pi.core.history", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSession, "pi.core.session", QtInfoMsg)
