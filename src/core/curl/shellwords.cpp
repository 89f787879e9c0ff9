#include "core/curl/shellwords.h"

#include "core/base/translation.h"

#include <algorithm>

PI_TRANSLATION_CONTEXT("CurlCommand")

namespace ShellWords {

QString quoted(const QString &text)
{
    QString out = text;
    out.replace(QLatin1String("'"), QLatin1String("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

// One shell word: as it is when it is a plain token, quoted otherwise, so that an empty or
// odd method can neither vanish, split, nor run as shell syntax when the command is pasted.
QString word(const QString &text)
{
    const bool plain = !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
               (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
               (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-') ||
               c == QLatin1Char('_');
    });
    return plain ? text : quoted(text);
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

QStringList split(const QString &line, QString *error)
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

} // namespace ShellWords
