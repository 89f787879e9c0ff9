#include "contract/envelopescan.h"

#include "base/jsonlexer.h"

#include <QString>

#include <cstring>

namespace EnvelopeScan {

namespace {

class Scanner
{
public:
    explicit Scanner(const QByteArray &body)
        : m_p(body.constData())
        , m_end(body.constData() + body.size())
    {}

    Result run()
    {
        if (m_end - m_p >= 3 && QByteArrayView(m_p, 3) == "\xEF\xBB\xBF")
            m_p += 3; // a byte order mark
        skipSpace();
        m_result.object = m_p < m_end && *m_p == '{';
        if (m_p == m_end || (*m_p != '{' && *m_p != '[') || !value(0, Where::Top))
            return {};
        skipSpace();
        if (m_p != m_end)
            return {};
        m_result.json = true;
        return m_result;
    }

private:
    static constexpr int maxDepth = 1024;
    enum class Where
    {
        Top,         // the document
        ErrorObject, // the value of the top-level object's "error" member
        Elsewhere,
    };

    void skipSpace() { m_p = JsonLexer::skipSpace(m_p, m_end); }
    bool took(const char *tokenEnd)
    {
        if (!tokenEnd)
            return false;
        m_p = tokenEnd;
        return true;
    }
    // Reads one value; `field`, when given, learns where it lies and what it is.
    bool value(int depth, Where where, Field *field = nullptr)
    {
        if (m_p == m_end)
            return false;
        const char *start = m_p;
        Field::Type type = Field::Type::Container;
        bool ok = false;
        switch (*m_p) {
        case '"':
            // As leniently as Qt's parser, so that a large body reads as a small one does.
            type = Field::Type::String;
            ok = took(JsonLexer::string(m_p, m_end, JsonLexer::Strings::AsQtDoes));
            break;
        case '{':
        case '[':
            ok = container(depth + 1, where);
            break;
        case 't':
        case 'f':
        case 'n': {
            JsonLexer::Literal which{};
            ok = took(JsonLexer::literal(m_p, m_end, &which));
            type = which == JsonLexer::Literal::True    ? Field::Type::True
                   : which == JsonLexer::Literal::False ? Field::Type::False
                                                        : Field::Type::Null;
            break;
        }
        default:
            type = Field::Type::Number;
            ok = took(JsonLexer::number(m_p, m_end));
        }
        if (ok && field)
            *field = Field{type, QByteArrayView(start, m_p - start)};
        return ok;
    }
    // A member's name as text: "\u0065rror" is "error", as a QJsonObject reads it.
    static QString nameOf(QByteArrayView key)
    {
        if (key.size() > 64)
            return {}; // no name looked for is that long, however it is escaped
        if (!key.contains('\\'))
            return QString::fromUtf8(key.sliced(1, key.size() - 2));
        return decodeStart(Field{Field::Type::String, key}, 16);
    }
    Field *fieldNamed(const QString &name)
    {
        if (name == QLatin1String("type"))
            return &m_result.type;
        if (name == QLatin1String("code"))
            return &m_result.code;
        if (name == QLatin1String("message"))
            return &m_result.message;
        if (name == QLatin1String("request_id"))
            return &m_result.requestId;
        return nullptr;
    }
    bool container(int depth, Where where)
    {
        if (depth > maxDepth)
            return false;
        const bool object = *m_p == '{';
        const char close = object ? '}' : ']';
        ++m_p;
        skipSpace();
        if (m_p < m_end && *m_p == close) {
            ++m_p;
            return true;
        }
        for (;;) {
            Where inner = Where::Elsewhere;
            Field *field = nullptr;
            if (object) {
                const char *key = m_p;
                if (m_p == m_end || *m_p != '"' ||
                    !took(JsonLexer::string(m_p, m_end, JsonLexer::Strings::AsQtDoes)))
                    return false;
                const QString name =
                    where == Where::Elsewhere ? QString() : nameOf(QByteArrayView(key, m_p - key));
                if (where == Where::Top && name == QLatin1String("error"))
                    inner = Where::ErrorObject;
                else if (where == Where::ErrorObject)
                    field = fieldNamed(name);
                skipSpace();
                if (m_p == m_end || *m_p++ != ':')
                    return false;
                skipSpace();
                if (inner == Where::ErrorObject) {
                    // A later "error" member replaces an earlier one, as in a QJsonObject.
                    m_result.errorObject = m_p < m_end && *m_p == '{';
                    m_result.type = m_result.code = m_result.message = m_result.requestId = {};
                }
            }
            if (!value(depth, inner, field))
                return false;
            skipSpace();
            if (m_p == m_end)
                return false;
            if (*m_p == close) {
                ++m_p;
                return true;
            }
            if (*m_p++ != ',')
                return false;
            skipSpace();
        }
    }

    const char *m_p;
    const char *m_end;
    Result m_result;
};

} // namespace

Result scan(const QByteArray &body)
{
    return Scanner(body).run();
}

QString decodeStart(const Field &field, qsizetype maxChars, bool *whole)
{
    if (whole)
        *whole = true;
    if (field.type != Field::Type::String || field.raw.size() < 2)
        return {};
    if (maxChars <= 0) {
        if (whole)
            *whole = field.raw.size() == 2;
        return {};
    }
    // Decoded here rather than by QJsonDocument, which would refuse the whole string for one
    // byte of bad UTF-8: such bytes become U+FFFD, as QString::fromUtf8 makes them.
    const QByteArrayView in = field.raw.sliced(1, field.raw.size() - 2);
    QString out;
    QByteArray literal; // bytes as written, whole UTF-8 sequences only, not yet decoded
    const auto flush = [&] {
        out += QString::fromUtf8(literal);
        literal.clear();
    };
    qsizetype chars = 0; // at least the characters read so far
    qsizetype i = 0;
    while (i < in.size() && chars <= maxChars + 1) {
        ++chars;
        if (in.at(i) != '\\') {
            qsizetype next = i + 1; // a lead byte with its continuation bytes
            while (next < in.size() && (uchar(in.at(next)) & 0xC0) == 0x80)
                ++next;
            literal += in.sliced(i, next - i);
            i = next;
            continue;
        }
        flush();
        if (i + 1 >= in.size())
            break;
        const char escaped = in.at(i + 1);
        if (escaped == 'u') {
            if (i + 6 > in.size())
                break;
            out += QChar(ushort(in.sliced(i + 2, 4).toByteArray().toUInt(nullptr, 16)));
            i += 6;
            continue;
        }
        const char *from = "bfnrt";
        const char *to = "\b\f\n\r\t";
        const char *at = std::strchr(from, escaped);
        out += QLatin1Char(at && escaped ? to[at - from] : escaped); // others stand for themselves
        i += 2;
    }
    flush();
    if (whole)
        *whole = i >= in.size() && out.size() <= maxChars;
    if (out.size() > maxChars) {
        qsizetype keep = maxChars;
        if (out.at(keep - 1).isHighSurrogate() && out.at(keep).isLowSurrogate())
            --keep; // never half a character
        out.truncate(keep);
    }
    return out;
}

} // namespace EnvelopeScan
