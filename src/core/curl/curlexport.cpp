#include "core/curl/curlexport.h"

#include "core/curl/shellwords.h"

namespace CurlExport {

QString fromRecord(const CallRecord &record)
{
    QStringList parts{QStringLiteral("curl")};
    // curl sends a body with POST unless told otherwise: a GET with a body says -X GET.
    if (record.method != "GET" || !record.requestBody.isEmpty())
        parts << QStringLiteral("-X") << ShellWords::word(QString::fromLatin1(record.method));
    parts << ShellWords::quoted(record.url.toString(QUrl::FullyEncoded));
    // Double quotes here on purpose: the shell expands $PI_API_KEY.
    parts << QStringLiteral("-H") << QStringLiteral("\"Authorization: Bearer $PI_API_KEY\"");
    for (const auto &h : record.requestHeaders) {
        if (h.first.compare("Authorization", Qt::CaseInsensitive) == 0 ||
            h.first.compare("User-Agent", Qt::CaseInsensitive) == 0)
            continue;
        parts << QStringLiteral("-H")
              << ShellWords::quoted(QString::fromLatin1(h.first) + QStringLiteral(": ") +
                                    QString::fromUtf8(h.second));
    }
    if (!record.requestBody.isEmpty())
        parts << QStringLiteral("--data-raw")
              << ShellWords::quoted(QString::fromUtf8(record.requestBody));
    return parts.join(QStringLiteral(" \\\n  "));
}

} // namespace CurlExport
