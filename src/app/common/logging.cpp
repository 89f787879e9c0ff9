#include "app/common/logging.h"

Q_LOGGING_CATEGORY(lcWindow, "pi.app.window", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStartup, "pi.app.startup", QtInfoMsg)
Q_LOGGING_CATEGORY(lcInstance, "pi.app.instance", QtInfoMsg)

void Logging::enableVerbose()
{
    QLoggingCategory::setFilterRules(QStringLiteral("pi.*.debug=true"));
}
