#include "base/jsontext.h"

#include "base/jsonlexer.h"

#include <QJsonDocument>

#include <algorithm>

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

// Re-indents JSON as it reads it, keeping its bytes and key order, without building a
// document: a large body costs its pretty copy and nothing more. It reads the grammar whole
// (values, keys, separators, numbers, literals, escapes), stops past Qt's own nesting limit or
// when the copy would pass four times the body, and anything that is not JSON gives an empty
// result, so the body is shown as it is.
class Reindenter
{
public:
    // With `depths`, no indentation is written: each line's depth goes there instead.
    explicit Reindenter(const QByteArray &body, QList<quint8> *depths = nullptr)
        : m_p(body.constData())
        , m_end(body.constData() + body.size())
        , m_budget(body.size() * 4 + 1024)
        , m_depths(depths)
    {
        // Room for about the copy, made by resize() rather than reserve(): past a reserve a
        // QByteArray grows by copying, both held at once; past room made so it is reallocated
        // in place. Pages not yet written take no memory.
        m_out.resize(depths ? body.size() + body.size() / 4 : body.size() * 2);
        m_out.resize(0);
        if (m_depths)
            m_depths->append(0); // the first line
    }

    QByteArray run()
    {
        if (m_end - m_p >= 3 && QByteArrayView(m_p, 3) == "\xEF\xBB\xBF")
            m_p += 3; // a byte order mark
        skipSpace();
        if (m_p == m_end || (*m_p != '{' && *m_p != '[') || !value(0))
            return {};
        skipSpace();
        if (m_p != m_end)
            return {};
        m_out += '\n';
        return m_out;
    }

private:
    static constexpr int maxDepth = 1024;

    void skipSpace() { m_p = JsonLexer::skipSpace(m_p, m_end); }
    bool newline(int depth)
    {
        if (m_out.size() + 1 + depth * 4 > m_budget)
            return false;
        m_out += '\n';
        if (m_depths)
            m_depths->append(quint8(std::min(depth, 255)));
        else
            m_out.append(depth * 4, ' ');
        return true;
    }
    // Each token is copied as it is written.
    bool copied(const char *tokenEnd)
    {
        if (!tokenEnd)
            return false;
        m_out.append(m_p, tokenEnd - m_p);
        m_p = tokenEnd;
        return true;
    }
    bool string() { return copied(JsonLexer::string(m_p, m_end, JsonLexer::Strings::Strict)); }
    bool number() { return copied(JsonLexer::number(m_p, m_end)); }
    bool literal()
    {
        JsonLexer::Literal which{};
        return copied(JsonLexer::literal(m_p, m_end, &which));
    }
    bool value(int depth)
    {
        if (m_p == m_end)
            return false;
        switch (*m_p) {
        case '"':
            return string();
        case '{':
        case '[':
            return container(depth + 1);
        case 't':
        case 'f':
        case 'n':
            return literal();
        default:
            return number();
        }
    }
    bool container(int depth)
    {
        if (depth > maxDepth)
            return false;
        const bool object = *m_p == '{';
        const char close = object ? '}' : ']';
        m_out += *m_p++;
        skipSpace();
        if (m_p < m_end && *m_p == close) {
            m_out += *m_p++; // an empty object or array stays on its line
            return true;
        }
        for (;;) {
            if (!newline(depth))
                return false;
            if (object) {
                if (m_p == m_end || *m_p != '"' || !string())
                    return false;
                skipSpace();
                if (m_p == m_end || *m_p++ != ':')
                    return false;
                m_out += ": ";
                skipSpace();
            }
            if (!value(depth))
                return false;
            skipSpace();
            if (m_p == m_end)
                return false;
            if (*m_p == close) {
                ++m_p;
                if (!newline(depth - 1))
                    return false;
                m_out += close;
                return true;
            }
            if (*m_p++ != ',')
                return false;
            m_out += ',';
            skipSpace();
        }
    }

    const char *m_p;
    const char *m_end;
    qsizetype m_budget;
    QList<quint8> *m_depths;
    QByteArray m_out;
};

// The body re-indented, or as it is when it is not JSON (and then no depths).
QByteArray reindented(const QByteArray &body, QList<quint8> *depths, bool *wasJson)
{
    QByteArray out = Reindenter(body, depths).run();
    if (wasJson)
        *wasJson = !out.isEmpty();
    if (!out.isEmpty())
        return out;
    if (depths)
        depths->clear();
    return body;
}

} // namespace

QByteArray pretty(const QByteArray &body, bool *wasJson)
{
    // Re-indented as it stands, not through QJsonDocument: that would sort the keys, round a
    // 19-digit number to a double, rewrite escapes, and take several times a large body's
    // size in memory.
    return reindented(body, nullptr, wasJson);
}

QByteArray prettyLines(const QByteArray &body, QList<quint8> *depths, bool *wasJson)
{
    depths->clear();
    return reindented(body, depths, wasJson);
}

} // namespace JsonText
