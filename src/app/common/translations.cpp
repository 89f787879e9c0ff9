#include "app/common/translations.h"

#include <QCoreApplication>
#include <QTranslator>

namespace Translations {

void install(QCoreApplication *app)
{
    auto *english = new QTranslator(app);
    if (english->load(QStringLiteral(":/i18n/pi-console_en.qm")))
        QCoreApplication::installTranslator(english);
    else
        delete english;
}

} // namespace Translations
