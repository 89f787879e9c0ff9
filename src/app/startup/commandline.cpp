#include "app/startup/commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace {

struct Options
{
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help"), QStringLiteral("?")},
                            QCoreApplication::translate("CommandLine", "Displays this help.")};
    QCommandLineOption helpAll{QStringLiteral("help-all"),
                               QCoreApplication::translate("CommandLine", "Displays this help.")};
    QCommandLineOption version{
        {QStringLiteral("v"), QStringLiteral("version")},
        QCoreApplication::translate("CommandLine", "Displays version information.")};
    QCommandLineOption baseUrl{
        QStringLiteral("base-url"),
        QCoreApplication::translate("CommandLine",
                                    "Open the saved profile of this URL's origin, or a session "
                                    "profile for it when there is none."),
        QStringLiteral("url")};
    QCommandLineOption verbose{
        QStringLiteral("verbose"),
        QCoreApplication::translate("CommandLine",
                                    "Log what each part does (categories pi.*) on stderr. No line "
                                    "carries an API key.")};

    explicit Options(QCommandLineParser &parser)
    {
        helpAll.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.setApplicationDescription(QCoreApplication::translate(
            "CommandLine", "A native desktop console for the Pi HTTP API. The API key is kept "
                           "in the OS keychain; PI_API_KEY in the environment is used for this "
                           "session only."));
        parser.addOptions({help, helpAll, version, baseUrl, verbose});
    }
};

} // namespace

CommandLine CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    // "-platform" is Qt's (QApplication takes it later), not -p -l -a -t… and surely not a
    // -v hidden in "-reverse".
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const Options options(parser);
    // Options unknown here are left for unknownOptions(); the known ones are still read.
    const bool parsed = parser.parse(arguments);

    CommandLine result;
    if (parser.isSet(options.help) || parser.isSet(options.helpAll)) {
        result.action = Action::ShowHelp;
        result.output = parser.helpText();
        // Without a QCoreApplication the parser cannot know the program's name.
        if (!arguments.isEmpty())
            result.output.replace(QLatin1String("<executable_name>"), arguments.first());
        return result;
    }
    if (parser.isSet(options.version)) {
        result.action = Action::ShowVersion;
        result.output = QCoreApplication::applicationName() + QLatin1Char(' ') +
                        QCoreApplication::applicationVersion() + QLatin1Char('\n');
        return result;
    }
    if (!parsed && parser.unknownOptionNames().isEmpty()) { // "Missing value after…"
        result.action = Action::Fail;
        result.error = parser.errorText();
        return result;
    }
    result.verbose = parser.isSet(options.verbose);
    if (parser.isSet(options.baseUrl)) {
        result.baseUrl = acceptedBaseUrl(parser.value(options.baseUrl), &result.error);
        if (result.baseUrl.isEmpty())
            result.action = Action::Fail;
    }
    return result;
}

QUrl CommandLine::acceptedBaseUrl(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
        *error = QCoreApplication::translate("CommandLine",
                                             "--base-url needs an http:// or https:// URL with a "
                                             "host.");
        return {};
    }
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        *error = QCoreApplication::translate("CommandLine",
                                             "--base-url takes a scheme, host, port and path "
                                             "only: no user name or password, query or "
                                             "fragment. Give the key in PI_API_KEY or the "
                                             "keychain.");
        return {};
    }
    return url;
}

QString CommandLine::unknownOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const Options options(parser);
    if (parser.parse(arguments))
        return {};
    return parser.errorText();
}
