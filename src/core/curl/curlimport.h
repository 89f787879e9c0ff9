#pragma once

#include "core/curl/curloptions.h"
#include "core/net/apirequest.h"

#include <QStringList>
#include <QUrl>

// A pasted curl command as a request: the method, URL, headers and body curl would send,
// with what it cannot take (files, cookies, user:password) named in warnings. A header that
// would put a line of its own on the wire refuses the whole command.
class CurlImport
{
public:
    struct Parsed
    {
        bool ok = false;
        QString error;
        QUrl url;             // the full URL
        ApiRequest request;   // path holds the URL's path and query
        QStringList warnings; // e.g. an Authorization header that was dropped
    };

    static Parsed parse(const QString &commandLine);

private:
    CurlImport() = default;
    // Reads the words after "curl"; false when the command is refused.
    bool readOptions(const QStringList &words);
    // One option, given its value when it takes one; false when the command is refused.
    bool apply(const CurlOptions::Option &option, const QString &as, const QString &value);
    bool applyHeader(const QString &value);
    void applyData(CurlOptions::Kind kind, const QString &value);
    void ignore(const CurlOptions::Option &option, const QString &as);
    // The URL, the query of -G, the method and the body once every option is read.
    bool finish();

    Parsed m_out;
    QByteArray m_method;
    QStringList m_urls; // the words that are not options or their values
    QByteArray m_data;  // every -d and its kin, joined with '&' as curl joins them
    bool m_json = false;
    bool m_get = false;
    bool m_head = false;
    QStringList m_said; // each ignored option's reason, once
};
