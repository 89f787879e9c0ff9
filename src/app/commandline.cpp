#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>

CommandLine CommandLine::parse(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "CommandLine", "A native desktop console for the Pi HTTP API. The API key is kept in "
                       "the OS keychain; PI_API_KEY in the environment is used for this session "
                       "only."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption baseUrl(
        QStringLiteral("base-url"),
        QCoreApplication::translate("CommandLine", "Open a session profile for this base URL."),
        QStringLiteral("url"));
    parser.addOption(baseUrl);
    parser.process(app);

    CommandLine result;
    if (parser.isSet(baseUrl)) {
        result.baseUrl = QUrl(parser.value(baseUrl), QUrl::StrictMode);
        const QString scheme = result.baseUrl.scheme();
        if (!result.baseUrl.isValid() || result.baseUrl.host().isEmpty() ||
            (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
            result.error = QCoreApplication::translate("CommandLine",
                                                       "--base-url needs an http:// or https:// "
                                                       "URL with a host, not \"%1\".")
                               .arg(parser.value(baseUrl));
        }
    }
    return result;
}
