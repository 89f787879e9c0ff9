#pragma once

#include <QLoggingCategory>

// The app's logging categories, one per module: pi.app.<module>. Debug lines are off unless
// asked for with --verbose (or QT_LOGGING_RULES).
Q_DECLARE_LOGGING_CATEGORY(lcWindow)   // pi.app.window: what the user asked the window to do
Q_DECLARE_LOGGING_CATEGORY(lcStartup)  // pi.app.startup: profile, history, embedded sandbox
Q_DECLARE_LOGGING_CATEGORY(lcInstance) // pi.app.instance: the one-instance lock and hand-over

namespace Logging {

// What --verbose does: every pi.* category's debug lines on.
void enableVerbose();

} // namespace Logging
