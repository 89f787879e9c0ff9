#include "report/curlcommand.h"

#include "base/translation.h"
#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

PI_TRANSLATION_CONTEXT("CurlCommand")

namespace CurlCommand {

namespace {

QString singleQuoted(const QString &text)
{
    QString out = text;
    out.replace(QLatin1String("'"), QLatin1String("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

// One shell word: as it is when it is a plain token, quoted otherwise, so that an empty or
// odd method can neither vanish, split, nor run as shell syntax when the command is pasted.
QString shellWord(const QString &text)
{
    const bool plain = !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
               (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
               (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-') ||
               c == QLatin1Char('_');
    });
    return plain ? text : singleQuoted(text);
}

} // namespace

QString fromRecord(const CallRecord &record)
{
    QStringList parts{QStringLiteral("curl")};
    // curl sends a body with POST unless told otherwise: a GET with a body says -X GET.
    if (record.method != "GET" || !record.requestBody.isEmpty())
        parts << QStringLiteral("-X") << shellWord(QString::fromLatin1(record.method));
    parts << singleQuoted(record.url.toString(QUrl::FullyEncoded));
    // Double quotes here on purpose: the shell expands $PI_API_KEY.
    parts << QStringLiteral("-H") << QStringLiteral("\"Authorization: Bearer $PI_API_KEY\"");
    for (const auto &h : record.requestHeaders) {
        if (h.first.compare("Authorization", Qt::CaseInsensitive) == 0 ||
            h.first.compare("User-Agent", Qt::CaseInsensitive) == 0)
            continue;
        parts << QStringLiteral("-H")
              << singleQuoted(QString::fromLatin1(h.first) + QStringLiteral(": ") +
                              QString::fromUtf8(h.second));
    }
    if (!record.requestBody.isEmpty())
        parts << QStringLiteral("--data-raw")
              << singleQuoted(QString::fromUtf8(record.requestBody));
    return parts.join(QStringLiteral(" \\\n  "));
}

namespace {

int hexValue(QChar c)
{
    if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
        return c.unicode() - '0';
    if (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        return c.unicode() - 'a' + 10;
    if (c >= QLatin1Char('A') && c <= QLatin1Char('F'))
        return c.unicode() - 'A' + 10;
    return -1;
}

// Reads the escape after a backslash inside $'…' (bash's ANSI-C quoting) at line[*i], which
// is the character after the backslash, and appends what it stands for to bytes as UTF-8.
// *i is left on the last character read. \xHH and \NNN are bytes, so that $'\xc3\xa9' is é;
// \uHHHH and \UHHHHHHHH are code points. A NUL is kept (bash would end the word there), so
// that a header holding one is refused rather than cut short.
void ansiCEscape(const QString &line, qsizetype *i, QByteArray *bytes)
{
    const QChar c = line.at(*i);
    const auto hexDigits = [&](int most) {
        uint value = 0;
        int read = 0;
        while (read < most && *i + 1 < line.size() && hexValue(line.at(*i + 1)) >= 0) {
            value = value * 16 + uint(hexValue(line.at(++*i)));
            ++read;
        }
        return read > 0 ? qint64(value) : -1;
    };
    switch (c.unicode()) {
    case 'n':
        *bytes += '\n';
        return;
    case 't':
        *bytes += '\t';
        return;
    case 'r':
        *bytes += '\r';
        return;
    case 'a':
        *bytes += '\a';
        return;
    case 'b':
        *bytes += '\b';
        return;
    case 'f':
        *bytes += '\f';
        return;
    case 'v':
        *bytes += '\v';
        return;
    case 'e':
    case 'E':
        *bytes += '\x1b';
        return;
    case '\\':
    case '\'':
    case '"':
    case '?':
        *bytes += char(c.unicode());
        return;
    case 'x': {
        const qint64 v = hexDigits(2);
        if (v < 0)
            *bytes += "\\x";
        else
            *bytes += char(v);
        return;
    }
    case 'u':
    case 'U': {
        const qint64 v = hexDigits(c == QLatin1Char('u') ? 4 : 8);
        if (v < 0) {
            *bytes += '\\';
            *bytes += char(c.unicode());
        } else {
            const char32_t cp = v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : char32_t(v);
            *bytes += QString::fromUcs4(&cp, 1).toUtf8();
        }
        return;
    }
    default:
        break;
    }
    if (c >= QLatin1Char('0') && c <= QLatin1Char('7')) { // one to three octal digits
        uint value = uint(c.unicode() - '0');
        for (int read = 1;
             read < 3 && *i + 1 < line.size() && line.at(*i + 1) >= QLatin1Char('0') &&
             line.at(*i + 1) <= QLatin1Char('7');
             ++read)
            value = value * 8 + uint(line.at(++*i).unicode() - '0');
        *bytes += char(value & 0xff);
        return;
    }
    // Any other escape stays as written, backslash included, as bash leaves it.
    *bytes += '\\';
    *bytes += QString(c).toUtf8();
}

} // namespace

QStringList splitShellWords(const QString &line, QString *error)
{
    QStringList words;
    QString current;
    QByteArray ansiC; // the bytes of a $'…' being read
    bool inWord = false;
    enum
    {
        Plain,
        Single,
        Double,
        AnsiC
    } state = Plain;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        switch (state) {
        case Plain:
            if (c == QLatin1Char('\\')) {
                if (i + 1 < line.size()) {
                    const QChar next = line.at(++i);
                    if (next == QLatin1Char('\n'))
                        break; // line continuation
                    current += next;
                    inWord = true;
                }
            } else if (c == QLatin1Char('$') && i + 1 < line.size() &&
                       line.at(i + 1) == QLatin1Char('\'')) {
                ++i;
                state = AnsiC;
                ansiC.clear();
                inWord = true;
            } else if (c == QLatin1Char('$') && i + 1 < line.size() &&
                       line.at(i + 1) == QLatin1Char('"')) {
                ++i; // $"…" is a translated string: the same as "…" here
                state = Double;
                inWord = true;
            } else if (c == QLatin1Char('\'')) {
                state = Single;
                inWord = true;
            } else if (c == QLatin1Char('"')) {
                state = Double;
                inWord = true;
            } else if (c.isSpace()) {
                if (inWord)
                    words.append(current);
                current.clear();
                inWord = false;
            } else {
                current += c;
                inWord = true;
            }
            break;
        case Single:
            if (c == QLatin1Char('\''))
                state = Plain;
            else
                current += c;
            break;
        case Double:
            if (c == QLatin1Char('"')) {
                state = Plain;
            } else if (c == QLatin1Char('\\') && i + 1 < line.size() &&
                       QStringLiteral("\"\\$`\n").contains(line.at(i + 1))) {
                const QChar next = line.at(++i);
                if (next != QLatin1Char('\n'))
                    current += next;
            } else {
                current += c;
            }
            break;
        case AnsiC:
            if (c == QLatin1Char('\'')) {
                current += QString::fromUtf8(ansiC);
                state = Plain;
            } else if (c == QLatin1Char('\\') && i + 1 < line.size()) {
                ++i;
                ansiCEscape(line, &i, &ansiC);
            } else {
                ansiC += QString(c).toUtf8();
            }
            break;
        }
    }
    if (state != Plain) {
        if (error)
            *error = tr("A quote is not closed.");
        return {};
    }
    if (inWord)
        words.append(current);
    return words;
}

namespace {

// What the import does with each curl option it knows.
enum class Kind
{
    Method,        // -X
    Header,        // -H
    Data,          // -d and its kin: the body, or the query with -G
    DataRaw,       // --data-raw: as -d, but @ is not a file
    DataUrlencode, // --data-urlencode
    Json,          // --json: data, and JSON's Content-Type
    Url,           // --url
    Get,           // -G: the data goes into the query
    Head,          // -I: HEAD
    Quiet,         // how curl itself prints or follows: nothing to import, nothing to say
    Flag,          // ignored, with the reason said
    Value          // takes a value; both ignored, with the reason said
};

struct Option
{
    char shortName; // 0 when it has only the long name
    const char *longName;
    Kind kind;
    const char *reason = nullptr; // for Flag and Value
};

// Every option whose value must not be taken for the URL is here; an option not here is
// reported as unknown.
const Option options[] = {
    {'X', "--request", Kind::Method},
    {'H', "--header", Kind::Header},
    {'d', "--data", Kind::Data},
    {0, "--data-ascii", Kind::Data},
    {0, "--data-binary", Kind::Data},
    {0, "--data-raw", Kind::DataRaw},
    {0, "--data-urlencode", Kind::DataUrlencode},
    {0, "--json", Kind::Json},
    {0, "--url", Kind::Url},
    {'G', "--get", Kind::Get},
    {'I', "--head", Kind::Head},
    {'s', "--silent", Kind::Quiet},
    {'S', "--show-error", Kind::Quiet},
    {'i', "--include", Kind::Quiet},
    {'v', "--verbose", Kind::Quiet},
    {'L', "--location", Kind::Quiet},
    {'f', "--fail", Kind::Quiet},
    {0, "--fail-with-body", Kind::Quiet},
    {0, "--compressed", Kind::Quiet},
    {0, "--no-progress-meter", Kind::Quiet},
    {'#', "--progress-bar", Kind::Quiet},
    {'k', "--insecure", Kind::Flag,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console never ignores TLS errors")},
    {0, "--basic", Kind::Flag,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi uses Bearer keys, not user:password")},
    {0, "--digest", Kind::Flag,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi uses Bearer keys, not user:password")},
    {'n', "--netrc", Kind::Flag,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi uses Bearer keys, not user:password")},
    {'u', "--user", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi uses Bearer keys, not user:password")},
    {0, "--netrc-file", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi uses Bearer keys, not user:password")},
    {0, "--oauth2-bearer", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "the key comes from the profile")},
    {0, "--aws-sigv4", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi uses Bearer keys, not AWS signatures")},
    {'b', "--cookie", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand",
                       "a cookie may hold a session, and Pi Console sends only the profile's key")},
    {'c', "--cookie-jar", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console keeps no cookies")},
    {'A', "--user-agent", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console sends its own User-Agent")},
    {'e', "--referer", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi does not read the Referer")},
    {'o', "--output", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "the response is shown here, not written to a file")},
    {'D', "--dump-header", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand",
                       "the response headers are shown here, not written to a file")},
    {'w', "--write-out", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "it formats curl's own output")},
    {'m', "--max-time", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console has time-outs of its own")},
    {0, "--connect-timeout", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console has time-outs of its own")},
    {0, "--retry", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand",
                       "Pi Console retries only when asked, with the same idempotency key")},
    {0, "--retry-delay", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand",
                       "Pi Console retries only when asked, with the same idempotency key")},
    {0, "--retry-max-time", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand",
                       "Pi Console retries only when asked, with the same idempotency key")},
    {0, "--max-redirs", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console follows redirects by its own rules")},
    {'x', "--proxy", Kind::Value, QT_TRANSLATE_NOOP("CurlCommand", "a proxy is not set per call")},
    {'U', "--proxy-user", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "a proxy is not set per call")},
    {0, "--noproxy", Kind::Value, QT_TRANSLATE_NOOP("CurlCommand", "a proxy is not set per call")},
    {'E', "--cert", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "client certificates are not imported")},
    {0, "--key", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "client certificates are not imported")},
    {0, "--cert-type", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "client certificates are not imported")},
    {0, "--pass", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "client certificates are not imported")},
    {0, "--cacert", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console trusts the system's certificate authorities")},
    {0, "--capath", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console trusts the system's certificate authorities")},
    {'T', "--upload-file", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "it reads a file; paste the body instead")},
    {'F', "--form", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "multipart forms are not imported; Pi takes JSON bodies")},
    {0, "--form-string", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "multipart forms are not imported; Pi takes JSON bodies")},
    {'r', "--range", Kind::Value, QT_TRANSLATE_NOOP("CurlCommand", "Pi does not serve ranges")},
    {'C', "--continue-at", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi does not serve ranges")},
    {'K', "--config", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "it reads options from a file")},
    {0, "--resolve", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console resolves the host itself")},
    {0, "--connect-to", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console resolves the host itself")},
    {0, "--interface", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console lets the system choose the route")},
    {0, "--limit-rate", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console does not limit its speed")},
    {'Y', "--speed-limit", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console has time-outs of its own")},
    {'y', "--speed-time", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "Pi Console has time-outs of its own")},
    {'z', "--time-cond", Kind::Value,
     QT_TRANSLATE_NOOP("CurlCommand", "conditional requests are not imported")},
};

const Option *findLong(const QString &name)
{
    for (const Option &o : options) {
        if (name == QLatin1String(o.longName))
            return &o;
    }
    return nullptr;
}

const Option *findShort(QChar name)
{
    for (const Option &o : options) {
        if (o.shortName != 0 && name == QLatin1Char(o.shortName))
            return &o;
    }
    return nullptr;
}

bool takesValue(Kind kind)
{
    switch (kind) {
    case Kind::Method:
    case Kind::Header:
    case Kind::Data:
    case Kind::DataRaw:
    case Kind::DataUrlencode:
    case Kind::Json:
    case Kind::Url:
    case Kind::Value:
        return true;
    case Kind::Get:
    case Kind::Head:
    case Kind::Quiet:
    case Kind::Flag:
        return false;
    }
    return false;
}

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

} // namespace

Parsed parse(const QString &commandLine)
{
    Parsed out;
    QString error;
    const QStringList words = splitShellWords(commandLine.trimmed(), &error);
    if (!error.isEmpty()) {
        out.error = error;
        return out;
    }
    if (words.isEmpty() || words.first() != QLatin1String("curl")) {
        out.error = tr("This is not a curl command: it should start with \"curl\".");
        return out;
    }
    QByteArray method;
    QStringList urls; // the words that are not options or their values
    QByteArray data;  // every -d and its kin, joined with '&' as curl joins them
    bool json = false;
    bool get = false;
    bool head = false;
    bool optionsEnded = false;
    QStringList said; // each ignored option's reason, once

    // One option, given its value when it takes one. False when the command is refused.
    const auto apply = [&](const Option &o, const QString &as, const QString &value) {
        switch (o.kind) {
        case Kind::Method:
            method = value.toUpper().toLatin1();
            return true;
        case Kind::Header: {
            const qsizetype colon = value.indexOf(QLatin1Char(':'));
            if (colon <= 0) {
                out.warnings.append(tr("Ignored a header without a name: \"%1\".").arg(value));
                return true;
            }
            const QByteArray name = value.left(colon).trimmed().toUtf8();
            QByteArray headerValue = value.mid(colon + 1).toUtf8();
            while (headerValue.startsWith(' ') || headerValue.startsWith('\t'))
                headerValue.remove(0, 1);
            while (headerValue.endsWith(' ') || headerValue.endsWith('\t'))
                headerValue.chop(1);
            // A line break inside -H would put a header of its own on the wire: refused, and
            // nothing of the command is taken.
            if (const QString why = Http::problem(name, headerValue); !why.isEmpty()) {
                out.error = why;
                return false;
            }
            if (Http::isFraming(name)) {
                out.warnings.append(tr("The %1 header was dropped: Pi Console sets it itself.")
                                        .arg(QString::fromLatin1(name)));
                return true;
            }
            if (name.compare("Authorization", Qt::CaseInsensitive) == 0) {
                out.warnings.append(tr("The Authorization header was dropped: Pi Console sends "
                                       "the profile's key itself."));
                return true;
            }
            if (name.compare("Idempotency-Key", Qt::CaseInsensitive) == 0) {
                out.request.idempotencyMode = IdempotencyMode::Manual;
                out.request.idempotencyKey = headerValue;
                return true;
            }
            out.request.headers.append({name, headerValue});
            return true;
        }
        case Kind::Data:
        case Kind::DataRaw:
        case Kind::DataUrlencode:
        case Kind::Json: {
            QByteArray part;
            bool file = false;
            if (o.kind == Kind::DataUrlencode) {
                part = urlencodeData(value, &file);
            } else {
                file = o.kind != Kind::DataRaw && value.startsWith(QLatin1Char('@'));
                part = value.toUtf8();
            }
            if (file) {
                out.warnings.append(tr("\"%1\" reads a file; paste the body instead.").arg(value));
                return true;
            }
            if (!data.isEmpty())
                data += '&';
            data += part;
            json = json || o.kind == Kind::Json;
            return true;
        }
        case Kind::Url:
            urls.prepend(value);
            return true;
        case Kind::Get:
            get = true;
            return true;
        case Kind::Head:
            head = true;
            return true;
        case Kind::Quiet:
            return true;
        case Kind::Flag:
        case Kind::Value: {
            const QString line = tr("%1 is ignored: %2.").arg(as, tr(o.reason));
            if (!said.contains(line)) {
                said.append(line);
                out.warnings.append(line);
            }
            return true;
        }
        }
        return true;
    };

    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString &w = words.at(i);
        if (optionsEnded || !w.startsWith(QLatin1Char('-')) || w == QLatin1String("-")) {
            urls.append(w);
            continue;
        }
        if (w == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        if (w.startsWith(QLatin1String("--"))) {
            const Option *o = findLong(w);
            if (!o) {
                out.warnings.append(
                    tr("Ignored the option %1, which Pi Console does not know.").arg(w.left(60)));
                continue;
            }
            QString value;
            if (takesValue(o->kind)) {
                if (i + 1 >= words.size()) {
                    out.error = tr("%1 needs a value.").arg(w);
                    return out;
                }
                value = words.at(++i);
            }
            if (!apply(*o, w, value))
                return out;
            continue;
        }
        // Short options, which curl lets one word hold: "-sS", "-sSL", and a value joined
        // to its letter: "-XPOST", "-d@file", "-uuser:password".
        for (qsizetype k = 1; k < w.size(); ++k) {
            const QString as = QLatin1Char('-') + w.at(k);
            const Option *o = findShort(w.at(k));
            if (!o) {
                out.warnings.append(
                    tr("Ignored the option %1, which Pi Console does not know.").arg(as));
                continue;
            }
            QString value;
            if (takesValue(o->kind)) {
                if (k + 1 < w.size()) {
                    value = w.mid(k + 1);
                } else if (i + 1 < words.size()) {
                    value = words.at(++i);
                } else {
                    out.error = tr("%1 needs a value.").arg(as);
                    return out;
                }
                k = w.size();
            }
            if (!apply(*o, as, value))
                return out;
        }
    }

    // The URL: the first word with a scheme, else the first word that is not an option.
    QString urlText;
    for (const QString &u : std::as_const(urls)) {
        if (u.contains(QLatin1String("://"))) {
            urlText = u;
            break;
        }
    }
    if (urlText.isEmpty() && !urls.isEmpty())
        urlText = urls.first();
    if (urls.size() > 1)
        out.warnings.append(tr("Took %1 for the URL and ignored the other words that are not "
                               "options.")
                                .arg(urlText));
    if (urlText.isEmpty()) {
        out.error = tr("The command has no URL.");
        return out;
    }
    out.url = QUrl(urlText, QUrl::TolerantMode);
    if (!out.url.isValid() || out.url.host().isEmpty()) {
        out.error = tr("\"%1\" is not a URL.").arg(urlText);
        return out;
    }
    if (get && !data.isEmpty()) {
        // -G: the data is the query, as curl sends it.
        const QString query = out.url.query(QUrl::FullyEncoded);
        out.url.setQuery(query.isEmpty() ? QString::fromUtf8(data)
                                         : query + QLatin1Char('&') + QString::fromUtf8(data),
                         QUrl::TolerantMode);
        data.clear();
    } else if (head && !data.isEmpty() && method.isEmpty()) {
        out.error = tr("-I (HEAD) and a body cannot go together; curl refuses them too.");
        return out;
    }
    out.request.body = data;
    if (json && !get && !Http::contains(out.request.headers, "Content-Type"))
        out.request.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    if (method.isEmpty())
        method = head ? "HEAD" : get ? "GET" : (out.request.body.isEmpty() ? "GET" : "POST");
    out.request.method = method;
    out.request.path = out.url.path(QUrl::FullyEncoded);
    if (out.request.path.isEmpty())
        out.request.path = QStringLiteral("/");
    if (out.url.hasQuery())
        out.request.path += QLatin1Char('?') + out.url.query(QUrl::FullyEncoded);
    out.ok = true;
    return out;
}

} // namespace CurlCommand
