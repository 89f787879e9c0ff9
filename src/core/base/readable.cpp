#include "core/base/readable.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace Readable {

QString size(qint64 bytes)
{
    if (bytes < 1024 && bytes > -1024)
        return QCoreApplication::translate("Readable", "%n byte(s)", nullptr, int(bytes));
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString unixTime(qint64 seconds)
{
    // Between 2001 and 2286: a smaller number is a count of seconds, not a time.
    if (seconds < 1'000'000'000 || seconds > 9'999'999'999)
        return {};
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC)
               .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) +
           QStringLiteral(" UTC");
}

} // namespace Readable
