#include "core/base/jsontext.h"

#include "core/base/jsonwalk.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <algorithm>

namespace JsonText {

namespace {

// The closers still owed at the end of a text that stops early: "}" for `{"a": "b"`, which
// Qt's parser calls an unterminated string. Empty when every bracket is closed.
QByteArray unclosed(const QByteArray &body)
{
    QByteArray owed;
    bool inString = false;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            owed.append(c == '{' ? '}' : ']');
        } else if ((c == '}' || c == ']') && !owed.isEmpty() && owed.back() == c) {
            owed.chop(1);
        }
    }
    if (inString)
        return {};
    std::reverse(owed.begin(), owed.end());
    return owed;
}

} // namespace

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
    // Stopped at the very end with brackets open: say what is missing, not what Qt guessed.
    qsizetype textEnd = body.size();
    while (textEnd > 0 && QChar::isSpace(uchar(body.at(textEnd - 1))))
        --textEnd;
    if (error.offset >= textEnd)
        if (const QByteArray owed = unclosed(body); !owed.isEmpty())
            c.message =
                QCoreApplication::translate("JsonText", "the body ends before its closing %1")
                    .arg(QString::fromLatin1(owed.left(1)));
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

// Re-indents JSON as it reads it (a JsonWalk), keeping its bytes and key order, without
// building a document: a large body costs its pretty copy and nothing more. It stops when the
// copy would pass four times the body, and anything that is not JSON gives an empty result, so
// the body is shown as it is.
class Reindenter
{
public:
    struct Context
    {};

    // With `depths`, no indentation is written: each line's depth goes there instead.
    explicit Reindenter(const QByteArray &body, QList<quint8> *depths = nullptr)
        : m_body(body)
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
        JsonWalk::Walker<Reindenter> walk(m_body.constData(), m_body.constData() + m_body.size(),
                                          JsonLexer::Strings::Strict, *this);
        if (!walk.document({}))
            return {};
        m_out += '\n';
        return m_out;
    }

    // The walk's hooks: each token is copied as it is written, and every member or element
    // starts a line of its own.
    bool open(char bracket, int)
    {
        m_out += bracket;
        return true;
    }
    bool empty(char close)
    {
        m_out += close; // an empty object or array stays on its line
        return true;
    }
    bool item(int depth) { return newline(depth); }
    Context member(QByteArrayView name, const char *, const Context &)
    {
        m_out.append(name.data(), name.size());
        m_out += ": ";
        return {};
    }
    Context inArray(const Context &) { return {}; }
    bool value(QByteArrayView text, JsonWalk::Kind kind, const Context &)
    {
        if (kind != JsonWalk::Kind::Container)
            m_out.append(text.data(), text.size());
        return true;
    }
    bool comma()
    {
        m_out += ',';
        return true;
    }
    bool close(char close, int depth)
    {
        if (!newline(depth - 1))
            return false;
        m_out += close;
        return true;
    }

private:
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

    const QByteArray &m_body;
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
