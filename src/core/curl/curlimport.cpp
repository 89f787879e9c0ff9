#include "core/curl/curlimport.h"

#include "core/base/translation.h"
#include "core/curl/shellwords.h"
#include "core/net/httpheaders.h"

#include <QRegularExpression>

PI_TRANSLATION_CONTEXT("CurlCommand")

using CurlOptions::Kind;
using CurlOptions::Option;

namespace {

// --data-urlencode's value as curl reads it: "content", "=content" or "name=content" (the
// content percent-encoded); "@file" and "name@file" read a file (empty, with *file set).
QByteArray urlencodeData(const QString &value, bool *file)
{
    *file = false;
    const qsizetype at = value.indexOf(QRegularExpression(QStringLiteral("[=@]")));
    if (at >= 0 && value.at(at) == QLatin1Char('@')) {
        *file = true;
        return {};
    }
    if (at < 0)
        return QUrl::toPercentEncoding(value);
    const QByteArray encoded = QUrl::toPercentEncoding(value.mid(at + 1));
    return at == 0 ? encoded : value.left(at).toUtf8() + '=' + encoded;
}

QByteArray trimmedBlanks(QByteArray value)
{
    while (value.startsWith(' ') || value.startsWith('\t'))
        value.remove(0, 1);
    while (value.endsWith(' ') || value.endsWith('\t'))
        value.chop(1);
    return value;
}

} // namespace

CurlImport::Parsed CurlImport::parse(const QString &commandLine)
{
    CurlImport import;
    QString error;
    const QStringList words = ShellWords::split(commandLine.trimmed(), &error);
    if (!error.isEmpty()) {
        import.m_out.error = error;
        return import.m_out;
    }
    if (words.isEmpty() || words.first() != QLatin1String("curl")) {
        import.m_out.error = tr("This is not a curl command: it should start with \"curl\".");
        return import.m_out;
    }
    if (import.readOptions(words) && import.finish())
        import.m_out.ok = true;
    return import.m_out;
}

bool CurlImport::readOptions(const QStringList &words)
{
    bool optionsEnded = false;
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString &w = words.at(i);
        if (optionsEnded || !w.startsWith(QLatin1Char('-')) || w == QLatin1String("-")) {
            m_urls.append(w);
            continue;
        }
        if (w == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        if (w.startsWith(QLatin1String("--"))) {
            const Option *o = CurlOptions::findLong(w);
            if (!o) {
                m_out.warnings.append(
                    tr("Ignored the option %1, which Pi Console does not know.").arg(w.left(60)));
                continue;
            }
            QString value;
            if (CurlOptions::takesValue(o->kind)) {
                if (i + 1 >= words.size()) {
                    m_out.error = tr("%1 needs a value.").arg(w);
                    return false;
                }
                value = words.at(++i);
            }
            if (!apply(*o, w, value))
                return false;
            continue;
        }
        // Short options, which curl lets one word hold: "-sS", "-sSL", and a value joined
        // to its letter: "-XPOST", "-d@file", "-uuser:password".
        for (qsizetype k = 1; k < w.size(); ++k) {
            const QString as = QLatin1Char('-') + w.at(k);
            const Option *o = CurlOptions::findShort(w.at(k));
            if (!o) {
                m_out.warnings.append(
                    tr("Ignored the option %1, which Pi Console does not know.").arg(as));
                continue;
            }
            QString value;
            if (CurlOptions::takesValue(o->kind)) {
                if (k + 1 < w.size()) {
                    value = w.mid(k + 1);
                } else if (i + 1 < words.size()) {
                    value = words.at(++i);
                } else {
                    m_out.error = tr("%1 needs a value.").arg(as);
                    return false;
                }
                k = w.size();
            }
            if (!apply(*o, as, value))
                return false;
        }
    }
    return true;
}

bool CurlImport::apply(const Option &option, const QString &as, const QString &value)
{
    switch (option.kind) {
    case Kind::Method:
        m_method = value.toUpper().toLatin1();
        return true;
    case Kind::Header:
        return applyHeader(value);
    case Kind::Data:
    case Kind::DataRaw:
    case Kind::DataUrlencode:
    case Kind::Json:
        applyData(option.kind, value);
        return true;
    case Kind::Url:
        m_urls.prepend(value);
        return true;
    case Kind::Get:
        m_get = true;
        return true;
    case Kind::Head:
        m_head = true;
        return true;
    case Kind::Quiet:
        return true;
    case Kind::Flag:
    case Kind::Value:
        ignore(option, as);
        return true;
    }
    return true;
}

bool CurlImport::applyHeader(const QString &value)
{
    const qsizetype colon = value.indexOf(QLatin1Char(':'));
    if (colon <= 0) {
        m_out.warnings.append(tr("Ignored a header without a name: \"%1\".").arg(value));
        return true;
    }
    const QByteArray name = value.left(colon).trimmed().toUtf8();
    const QByteArray headerValue = trimmedBlanks(value.mid(colon + 1).toUtf8());
    // A line break inside -H would put a header of its own on the wire: refused, and nothing
    // of the command is taken.
    if (const QString why = Http::problem(name, headerValue); !why.isEmpty()) {
        m_out.error = why;
        return false;
    }
    if (Http::isFraming(name)) {
        m_out.warnings.append(tr("The %1 header was dropped: Pi Console sets it itself.")
                                  .arg(QString::fromLatin1(name)));
        return true;
    }
    if (name.compare("Authorization", Qt::CaseInsensitive) == 0) {
        m_out.warnings.append(tr("The Authorization header was dropped: Pi Console sends "
                                 "the profile's key itself."));
        return true;
    }
    if (name.compare("Cookie", Qt::CaseInsensitive) == 0) {
        m_out.warnings.append(tr("The Cookie header was dropped: a cookie may hold a session, "
                                 "and Pi Console sends only the profile's key."));
        return true;
    }
    if (name.compare("Idempotency-Key", Qt::CaseInsensitive) == 0) {
        m_out.request.idempotencyMode = IdempotencyMode::Manual;
        m_out.request.idempotencyKey = headerValue;
        return true;
    }
    m_out.request.headers.append({name, headerValue});
    return true;
}

void CurlImport::applyData(Kind kind, const QString &value)
{
    QByteArray part;
    bool file = false;
    if (kind == Kind::DataUrlencode) {
        part = urlencodeData(value, &file);
    } else {
        file = kind != Kind::DataRaw && value.startsWith(QLatin1Char('@'));
        part = value.toUtf8();
    }
    if (file) {
        m_out.warnings.append(tr("\"%1\" reads a file; paste the body instead.").arg(value));
        return;
    }
    if (!m_data.isEmpty())
        m_data += '&';
    m_data += part;
    m_json = m_json || kind == Kind::Json;
}

void CurlImport::ignore(const Option &option, const QString &as)
{
    const QString line = tr("%1 is ignored: %2.").arg(as, tr(option.reason));
    if (m_said.contains(line))
        return;
    m_said.append(line);
    m_out.warnings.append(line);
}

bool CurlImport::finish()
{
    // The URL: the first word with a scheme, else the first word that is not an option.
    QString urlText;
    for (const QString &u : std::as_const(m_urls)) {
        if (u.contains(QLatin1String("://"))) {
            urlText = u;
            break;
        }
    }
    if (urlText.isEmpty() && !m_urls.isEmpty())
        urlText = m_urls.first();
    if (m_urls.size() > 1)
        m_out.warnings.append(tr("Took %1 for the URL and ignored the other words that are not "
                                 "options.")
                                  .arg(urlText));
    if (urlText.isEmpty()) {
        m_out.error = tr("The command has no URL.");
        return false;
    }
    QUrl &url = m_out.url;
    url = QUrl(urlText, QUrl::TolerantMode);
    if (!url.isValid() || url.host().isEmpty()) {
        m_out.error = tr("\"%1\" is not a URL.").arg(urlText);
        return false;
    }
    if (m_get && !m_data.isEmpty()) {
        // -G: the data is the query, as curl sends it.
        const QString query = url.query(QUrl::FullyEncoded);
        url.setQuery(query.isEmpty() ? QString::fromUtf8(m_data)
                                     : query + QLatin1Char('&') + QString::fromUtf8(m_data),
                     QUrl::TolerantMode);
        m_data.clear();
    } else if (m_head && !m_data.isEmpty() && m_method.isEmpty()) {
        m_out.error = tr("-I (HEAD) and a body cannot go together; curl refuses them too.");
        return false;
    }
    ApiRequest &request = m_out.request;
    request.body = m_data;
    if (m_json && !m_get && !Http::contains(request.headers, "Content-Type"))
        request.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    if (m_method.isEmpty())
        m_method = m_head ? "HEAD" : m_get ? "GET" : (request.body.isEmpty() ? "GET" : "POST");
    request.method = m_method;
    request.path = url.path(QUrl::FullyEncoded);
    if (request.path.isEmpty())
        request.path = QStringLiteral("/");
    if (url.hasQuery())
        request.path += QLatin1Char('?') + url.query(QUrl::FullyEncoded);
    return true;
}
