#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

// What the user asked for on the command line: --base-url, --verbose, --help, --version. Parsed
// before any QApplication exists, so that --help, --version and a bad
// --base-url are answered like any command-line tool's, with no display needed.
struct CommandLine
{
    enum class Action
    {
        Run,
        ShowHelp,    // -h, --help, --help-all, -?: print output, exit 0
        ShowVersion, // -v, --version: print output, exit 0
        Fail,        // print error, exit 2
    };

    Action action = Action::Run;
    QUrl baseUrl;         // the saved profile of this origin, else a session profile, when set
    QString output;       // for stdout: the help or version text
    QString error;        // for stderr
    bool verbose = false; // --verbose: every pi.* category's debug lines on stderr

    // arguments as in argv, the program first. QCoreApplication::applicationName() and
    // applicationVersion() must be set (they can be before the application object exists).
    // Options it does not know are not an error here: QApplication has yet to take its own
    // (-platform, -style…) out of the list; unknownOptions() checks what is left afterwards.
    static CommandLine parse(const QStringList &arguments);
    // The options in arguments (QCoreApplication::arguments(), once QApplication has taken
    // its own) that pi-console does not know, as an error message; empty when there are none.
    static QString unknownOptions(const QStringList &arguments);
    // What --base-url takes, from the command line or handed over by a second launch: an
    // http(s) URL with a host, and no user info, query or fragment (a key goes in PI_API_KEY
    // or the keychain, never in a URL that is logged and shown). Empty, with *error set, when
    // text is not one; the error never repeats a refused URL, which may hold a key.
    static QUrl acceptedBaseUrl(const QString &text, QString *error);
};
