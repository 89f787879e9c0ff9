#include "contract/envelopescan.h"

#include <QString>

#include <cctype>
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

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }
    // As leniently as Qt's parser: control characters pass, and an unknown escape stands
    // for its character; only \u needs its four hex digits.
    bool string()
    {
        ++m_p;
        while (m_p < m_end && *m_p != '"') {
            if (*m_p == '\\') {
                if (++m_p == m_end)
                    return false;
                if (*m_p == 'u') {
                    for (int i = 0; i < 4; ++i)
                        if (++m_p == m_end || !isxdigit(uchar(*m_p)))
                            return false;
                }
            }
            ++m_p;
        }
        if (m_p == m_end)
            return false;
        ++m_p;
        return true;
    }
    bool digits()
    {
        const char *from = m_p;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
            ++m_p;
        return m_p > from;
    }
    bool number()
    {
        if (*m_p == '-')
            ++m_p;
        if (m_p < m_end && *m_p == '0')
            ++m_p;
        else if (!digits())
            return false;
        if (m_p < m_end && *m_p == '.' && (++m_p, !digits()))
            return false;
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (!digits())
                return false;
        }
        return true;
    }
    bool literal(Field::Type *type)
    {
        const struct
        {
            const char *word;
            Field::Type type;
        } words[] = {{"true", Field::Type::True},
                     {"false", Field::Type::False},
                     {"null", Field::Type::Null}};
        for (const auto &w : words) {
            const qsizetype n = qsizetype(strlen(w.word));
            if (m_end - m_p >= n && QByteArrayView(m_p, n) == w.word) {
                m_p += n;
                *type = w.type;
                return true;
            }
        }
        return false;
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
            type = Field::Type::String;
            ok = string();
            break;
        case '{':
        case '[':
            ok = container(depth + 1, where);
            break;
        case 't':
        case 'f':
        case 'n':
            ok = literal(&type);
            break;
        default:
            type = Field::Type::Number;
            ok = number();
        }
        if (ok && field)
            *field = Field{type, QByteArrayView(start, m_p - start)};
        return ok;
    }
    Field *fieldNamed(QByteArrayView key)
    {
        if (key == "\"type\"")
            return &m_result.type;
        if (key == "\"code\"")
            return &m_result.code;
        if (key == "\"message\"")
            return &m_result.message;
        if (key == "\"request_id\"")
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
                if (m_p == m_end || *m_p != '"' || !string())
                    return false;
                const QByteArrayView name(key, m_p - key);
                if (where == Where::Top && name == "\"error\"")
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

QString decodeStart(const Field &field, qsizetype maxChars)
{
    if (field.type != Field::Type::String || field.raw.size() < 2 || maxChars <= 0)
        return {};
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
    if (out.size() > maxChars) {
        qsizetype keep = maxChars;
        if (out.at(keep - 1).isHighSurrogate() && out.at(keep).isLowSurrogate())
            --keep; // never half a character
        out.truncate(keep);
    }
    return out;
}

} // namespace EnvelopeScan
