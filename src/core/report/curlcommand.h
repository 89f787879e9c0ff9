#pragma once

#include "net/apirequest.h"
#include "net/callrecord.h"

#include <QUrl>

// A call as a curl command line, and back. Exported commands carry "$PI_API_KEY" where the
// key goes, so they can be pasted into a ticket or a shell without giving the key away.
namespace CurlCommand {

QString fromRecord(const CallRecord &record);

struct Parsed
{
    bool ok = false;
    QString error;
    QUrl url;             // the full URL
    ApiRequest request;   // path holds the URL's path and query
    QStringList warnings; // e.g. an Authorization header that was dropped
};

Parsed parse(const QString &commandLine);
// Splits a shell command line the way a POSIX shell would for quotes and backslashes.
QStringList splitShellWords(const QString &commandLine, QString *error);

} // namespace CurlCommand
