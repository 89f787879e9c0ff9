#pragma once

#include <QString>
#include <QUrl>

class QCoreApplication;

// What the user asked for on the command line (DESIGN.md, "What the user can drive from
// outside"). --help and --version are answered by the parser itself.
struct CommandLine
{
    QUrl baseUrl; // a session profile for this base URL, when set
    QString error;

    static CommandLine parse(const QCoreApplication &app);
};
