#include "curlcommand.h"

#include <QCoreApplication>

#include <algorithm>

namespace CurlCommand {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CurlCommand", text);
}

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

QStringList splitShellWords(const QString &line, QString *error)
{
    QStringList words;
    QString current;
    bool inWord = false;
    enum
    {
        Plain,
        Single,
        Double
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
    QString urlText;
    bool json = false;
    static const QStringList ignoredFlags = {
        QStringLiteral("-s"),           QStringLiteral("--silent"),     QStringLiteral("-S"),
        QStringLiteral("--show-error"), QStringLiteral("-i"),           QStringLiteral("--include"),
        QStringLiteral("-v"),           QStringLiteral("--verbose"),    QStringLiteral("-L"),
        QStringLiteral("--location"),   QStringLiteral("--compressed"), QStringLiteral("-sS"),
        QStringLiteral("-f"),           QStringLiteral("--fail")};
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString &w = words.at(i);
        const auto takeValue = [&](QString *value) {
            if (i + 1 >= words.size()) {
                out.error = tr("%1 needs a value.").arg(w);
                return false;
            }
            *value = words.at(++i);
            return true;
        };
        QString value;
        if (w == QLatin1String("-X") || w == QLatin1String("--request")) {
            if (!takeValue(&value))
                return out;
            method = value.toUpper().toLatin1();
        } else if (w.startsWith(QLatin1String("-X")) && w.size() > 2) {
            method = w.mid(2).toUpper().toLatin1();
        } else if (w == QLatin1String("-H") || w == QLatin1String("--header")) {
            if (!takeValue(&value))
                return out;
            const qsizetype colon = value.indexOf(QLatin1Char(':'));
            if (colon <= 0) {
                out.warnings.append(tr("Ignored a header without a name: \"%1\".").arg(value));
                continue;
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
                return out;
            }
            if (name.compare("Authorization", Qt::CaseInsensitive) == 0) {
                out.warnings.append(tr("The Authorization header was dropped: Pi Console sends "
                                       "the profile's key itself."));
                continue;
            }
            if (name.compare("Idempotency-Key", Qt::CaseInsensitive) == 0) {
                out.request.idempotencyMode = IdempotencyMode::Manual;
                out.request.idempotencyKey = headerValue;
                continue;
            }
            out.request.headers.append({name, headerValue});
        } else if (w == QLatin1String("-d") || w == QLatin1String("--data") ||
                   w == QLatin1String("--data-raw") || w == QLatin1String("--data-binary") ||
                   w == QLatin1String("--data-ascii") || w == QLatin1String("--json")) {
            if (!takeValue(&value))
                return out;
            if (value.startsWith(QLatin1Char('@')) && w != QLatin1String("--data-raw")) {
                out.warnings.append(tr("\"%1\" reads a file; paste the body instead.").arg(value));
                continue;
            }
            if (!out.request.body.isEmpty())
                out.request.body += '&';
            out.request.body += value.toUtf8();
            json = json || w == QLatin1String("--json");
        } else if (w == QLatin1String("--url")) {
            if (!takeValue(&urlText))
                return out;
        } else if (ignoredFlags.contains(w)) {
            continue;
        } else if (w.startsWith(QLatin1Char('-'))) {
            out.warnings.append(tr("Ignored the option %1.").arg(w));
        } else if (urlText.isEmpty()) {
            urlText = w;
        }
    }
    if (urlText.isEmpty()) {
        out.error = tr("The command has no URL.");
        return out;
    }
    out.url = QUrl(urlText, QUrl::TolerantMode);
    if (!out.url.isValid() || out.url.host().isEmpty()) {
        out.error = tr("\"%1\" is not a URL.").arg(urlText);
        return out;
    }
    if (json && !Http::contains(out.request.headers, "Content-Type"))
        out.request.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    out.request.method = !method.isEmpty() ? method : (out.request.body.isEmpty() ? "GET" : "POST");
    out.request.path = out.url.path(QUrl::FullyEncoded);
    if (out.request.path.isEmpty())
        out.request.path = QStringLiteral("/");
    if (out.url.hasQuery())
        out.request.path += QLatin1Char('?') + out.url.query(QUrl::FullyEncoded);
    out.ok = true;
    return out;
}

} // namespace CurlCommand
