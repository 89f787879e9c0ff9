#pragma once

#include <QLoggingCategory>

// The core's logging categories, one per module: pi.core.<module>. Debug lines are off unless
// asked for (pi-console --verbose, or QT_LOGGING_RULES). The console's log filter redacts
// every key it knows from every line, whatever the category.
Q_DECLARE_LOGGING_CATEGORY(lcNet)     // pi.core.net: calls sent and answered
Q_DECLARE_LOGGING_CATEGORY(lcKeys)    // pi.core.keys: keychain reads and writes, never a key
Q_DECLARE_LOGGING_CATEGORY(lcHistory) // pi.core.history: the history file and its writer
Q_DECLARE_LOGGING_CATEGORY(lcSession) // pi.core.session: profiles, queued sends, key trouble
