#pragma once

#include <QByteArray>
#include <QEventLoop>
#include <QProcess>
#include <QTemporaryFile>
#include <QUrl>

// curl making `count` requests over one connection in one process (a -K config with one
// block per request, "next" between them), for benchmarks to compare against. Runs with the
// event loop turning, so a server on this thread keeps answering; returns curl's output, one
// `writeOut` line per request.
struct CurlBatch
{
    QByteArray method = "GET";
    QByteArray body;
    QByteArray authorization; // the whole header value, or none
    QByteArray writeOut = "%{http_code}";

    QByteArray run(const QUrl &url, int count) const
    {
        QTemporaryFile config;
        QTemporaryFile bodyFile;
        if (!config.open() || !bodyFile.open())
            return {};
        bodyFile.write(body);
        bodyFile.flush();
        for (int i = 0; i < count; ++i) {
            if (i)
                config.write("next\n");
            if (!authorization.isEmpty())
                config.write("header = \"Authorization: " + authorization + "\"\n");
            config.write("write-out = \"" + writeOut + "\\n\"\n");
            config.write("url = \"" + url.toEncoded() + "\"\noutput = \"/dev/null\"\n");
            if (method == "POST") {
                config.write("header = \"Content-Type: application/json\"\n");
                config.write("data-binary = \"@" + bodyFile.fileName().toLocal8Bit() + "\"\n");
            }
        }
        config.flush();
        QProcess curl;
        QEventLoop loop;
        QObject::connect(&curl, &QProcess::finished, &loop, &QEventLoop::quit);
        curl.start(QStringLiteral("curl"),
                   {QStringLiteral("-s"), QStringLiteral("-K"), config.fileName()});
        if (!curl.waitForStarted(10000))
            return {};
        loop.exec();
        return curl.readAllStandardOutput();
    }
};
