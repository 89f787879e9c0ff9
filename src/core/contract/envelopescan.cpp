#include "core/contract/envelopescan.h"

#include "core/base/jsonwalk.h"

#include <QString>

#include <cstring>

namespace EnvelopeScan {

namespace {

// The envelope's fields found by a JsonWalk over the whole body: the walk checks the grammar,
// this only notes where the top-level "error" member's type, code, message and request_id lie.
class Scanner
{
public:
    enum class Where
    {
        Top,         // the document
        ErrorObject, // the value of the top-level object's "error" member
        Elsewhere,
    };
    struct Context
    {
        Where where = Where::Elsewhere;
        Field *field = nullptr; // the envelope field this value is, if any
    };

    explicit Scanner(const QByteArray &body)
        : m_begin(body.constData())
        , m_end(body.constData() + body.size())
    {}

    Result run()
    {
        // As leniently as Qt's parser, so that a large body reads as a small one does.
        JsonWalk::Walker<Scanner> walk(m_begin, m_end, JsonLexer::Strings::AsQtDoes, *this);
        if (!walk.document({Where::Top, nullptr}))
            return {};
        m_result.json = true;
        return m_result;
    }

    // The walk's hooks.
    bool open(char bracket, int depth)
    {
        if (depth == 1)
            m_result.object = bracket == '{';
        return true;
    }
    bool empty(char) { return true; }
    bool item(int) { return true; }
    Context member(QByteArrayView name, const char *valueStart, const Context &parent)
    {
        if (parent.where == Where::Elsewhere)
            return {};
        const QString text = nameOf(name);
        if (parent.where == Where::Top && text == QLatin1String("error")) {
            // A later "error" member replaces an earlier one, as in a QJsonObject.
            m_result.errorObject = valueStart < m_end && *valueStart == '{';
            m_result.type = m_result.code = m_result.message = m_result.requestId = {};
            return {Where::ErrorObject, nullptr};
        }
        if (parent.where == Where::ErrorObject)
            return {Where::Elsewhere, fieldNamed(text)};
        return {};
    }
    Context inArray(const Context &) { return {}; }
    bool value(QByteArrayView text, JsonWalk::Kind kind, const Context &context)
    {
        if (context.field)
            *context.field = Field{typeOf(kind), text};
        return true;
    }
    bool comma() { return true; }
    bool close(char, int) { return true; }

private:
    static Field::Type typeOf(JsonWalk::Kind kind)
    {
        switch (kind) {
        case JsonWalk::Kind::String:
            return Field::Type::String;
        case JsonWalk::Kind::Number:
            return Field::Type::Number;
        case JsonWalk::Kind::True:
            return Field::Type::True;
        case JsonWalk::Kind::False:
            return Field::Type::False;
        case JsonWalk::Kind::Null:
            return Field::Type::Null;
        case JsonWalk::Kind::Container:
            break;
        }
        return Field::Type::Container;
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

    const char *m_begin;
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
