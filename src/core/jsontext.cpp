#include "jsontext.h"

#include <QJsonDocument>

namespace JsonText {

Check check(const QByteArray &body)
{
    Check c;
    if (body.trimmed().isEmpty()) {
        c.empty = true;
        return c;
    }
    QJsonParseError error{};
    QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError)
        return c;
    c.ok = false;
    c.message = error.errorString();
    c.line = 1;
    qsizetype lineStart = 0;
    // Qt's offset points just past the character it could not take: show that character.
    const qsizetype end = std::clamp<qsizetype>(error.offset - 1, 0, body.size());
    for (qsizetype i = 0; i < end; ++i) {
        if (body.at(i) == '\n') {
            ++c.line;
            lineStart = i + 1;
        }
    }
    c.column = int(QString::fromUtf8(body.mid(lineStart, end - lineStart)).size()) + 1;
    return c;
}

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Re-indents JSON as it reads it, keeping its bytes and key order, without building a
// document: a large body costs its pretty copy and nothing more. Brackets and strings are
// checked as it goes; anything else that is not JSON gives an empty result.
QByteArray reindented(const QByteArray &body)
{
    QByteArray out;
    // Room for any indentation: pages never written are never resident, and the copy is
    // never moved as it grows.
    out.reserve(body.size() * 2 + 16);
    QByteArray open; // the brackets not yet closed
    const auto newline = [&out, &open] {
        out += '\n';
        out.append(open.size() * 4, ' ');
    };
    const char *p = body.constData();
    const char *end = p + body.size();
    while (p < end && isSpace(*p))
        ++p;
    if (p == end || (*p != '{' && *p != '['))
        return {};
    for (; p < end; ++p) {
        const char c = *p;
        if (c == '"') {
            const char *start = p++;
            while (p < end && *p != '"')
                p += *p == '\\' ? 2 : 1;
            if (p >= end)
                return {};
            out.append(start, p - start + 1);
        } else if (c == '{' || c == '[') {
            out += c;
            const char *next = p + 1;
            while (next < end && isSpace(*next))
                ++next;
            if (next < end && *next == (c == '{' ? '}' : ']')) {
                out += *next; // an empty object or array stays on its line
                p = next;
            } else {
                open += c;
                newline();
            }
        } else if (c == '}' || c == ']') {
            if (open.isEmpty() || open.back() != (c == '}' ? '{' : '['))
                return {};
            open.chop(1);
            newline();
            out += c;
        } else if (c == ',') {
            if (open.isEmpty())
                return {};
            out += c;
            newline();
        } else if (c == ':') {
            out += ": ";
        } else if (isSpace(c)) {
            continue;
        } else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '+' ||
                   c == '.' || c == 'E') {
            out += c;
        } else {
            return {};
        }
        if (open.isEmpty() && (c == '}' || c == ']')) {
            while (++p < end && isSpace(*p)) {
            }
            if (p != end)
                return {};
            out += '\n';
            return out;
        }
    }
    return {};
}

} // namespace

QByteArray pretty(const QByteArray &body, bool *wasJson)
{
    // Large bodies are re-indented as they stand; a document of 100 MB would take several
    // times its size in memory.
    if (body.size() >= streamingAbove) {
        QByteArray out = reindented(body);
        if (wasJson)
            *wasJson = !out.isEmpty();
        return out.isEmpty() ? body : out;
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    const bool json = error.error == QJsonParseError::NoError && !doc.isNull();
    if (wasJson)
        *wasJson = json;
    return json ? doc.toJson(QJsonDocument::Indented) : body;
}

} // namespace JsonText
