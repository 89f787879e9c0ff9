#pragma once

#include "core/base/jsonlexer.h"

#include <QByteArrayView>

// A walk over one JSON document's grammar, token by token, without building a document: the
// one reader of objects, arrays, members and separators that the re-indenter (JsonText) and
// the error envelope's scan (EnvelopeScan) both stand on. What each does with what it reads is
// its Visitor's:
//
//   struct Visitor {
//       using Context = …;  // what a value is to the visitor (where it lies, say)
//       bool open(char bracket, int depth);              // '{' or '[' read
//       bool empty(char close);                          // "{}" or "[]": nothing inside
//       bool item(int depth);                            // a member or element starts
//       // A member's name ("…", quotes included) was read, then its ':'; the value starts
//       // at valueStart (maybe the end of the text). Returns the value's context.
//       Context member(QByteArrayView name, const char *valueStart, const Context &parent);
//       Context inArray(const Context &parent);          // an array element's context
//       bool value(QByteArrayView text, JsonWalk::Kind kind, const Context &context);
//       bool comma();
//       bool close(char close, int depth);               // after the last member or element
//   };
//
// A hook returning false stops the walk, which then fails, as anything that is not JSON does,
// and nesting deeper than Qt's parser takes.
namespace JsonWalk {

enum class Kind
{
    String,
    Number,
    True,
    False,
    Null,
    Container, // the whole object or array, once read
};

template <typename Visitor>
class Walker
{
public:
    using Context = typename Visitor::Context;
    static constexpr int maxDepth = 1024;

    Walker(const char *begin, const char *end, JsonLexer::Strings strings, Visitor &visitor)
        : m_p(begin)
        , m_end(end)
        , m_strings(strings)
        , m_visitor(visitor)
    {}

    // The whole text as one object or array, a byte order mark and space around it allowed.
    bool document(const Context &top)
    {
        if (m_end - m_p >= 3 && QByteArrayView(m_p, 3) == "\xEF\xBB\xBF")
            m_p += 3;
        skipSpace();
        if (m_p == m_end || (*m_p != '{' && *m_p != '['))
            return false;
        if (!value(0, top))
            return false;
        skipSpace();
        return m_p == m_end;
    }

private:
    void skipSpace() { m_p = JsonLexer::skipSpace(m_p, m_end); }

    bool value(int depth, const Context &context)
    {
        if (m_p == m_end)
            return false;
        const char *start = m_p;
        const char *tokenEnd = nullptr;
        Kind kind = Kind::Container;
        switch (*m_p) {
        case '"':
            kind = Kind::String;
            tokenEnd = JsonLexer::string(m_p, m_end, m_strings);
            break;
        case '{':
        case '[':
            if (!container(depth + 1, context))
                return false;
            tokenEnd = m_p;
            break;
        case 't':
        case 'f':
        case 'n': {
            JsonLexer::Literal which{};
            tokenEnd = JsonLexer::literal(m_p, m_end, &which);
            kind = which == JsonLexer::Literal::True    ? Kind::True
                   : which == JsonLexer::Literal::False ? Kind::False
                                                        : Kind::Null;
            break;
        }
        default:
            kind = Kind::Number;
            tokenEnd = JsonLexer::number(m_p, m_end);
        }
        if (!tokenEnd)
            return false;
        m_p = tokenEnd;
        return m_visitor.value(QByteArrayView(start, tokenEnd - start), kind, context);
    }

    bool container(int depth, const Context &context)
    {
        if (depth > maxDepth)
            return false;
        const bool object = *m_p == '{';
        const char close = object ? '}' : ']';
        if (!m_visitor.open(*m_p++, depth))
            return false;
        skipSpace();
        if (m_p < m_end && *m_p == close) {
            ++m_p;
            return m_visitor.empty(close);
        }
        for (;;) {
            if (!m_visitor.item(depth))
                return false;
            Context inner;
            if (object) {
                const char *name = m_p;
                if (m_p == m_end || *m_p != '"')
                    return false;
                const char *nameEnd = JsonLexer::string(m_p, m_end, m_strings);
                if (!nameEnd)
                    return false;
                m_p = nameEnd;
                skipSpace();
                if (m_p == m_end || *m_p++ != ':')
                    return false;
                skipSpace();
                inner = m_visitor.member(QByteArrayView(name, nameEnd - name), m_p, context);
            } else {
                inner = m_visitor.inArray(context);
            }
            if (!value(depth, inner))
                return false;
            skipSpace();
            if (m_p == m_end)
                return false;
            if (*m_p == close) {
                ++m_p;
                return m_visitor.close(close, depth);
            }
            if (*m_p++ != ',' || !m_visitor.comma())
                return false;
            skipSpace();
        }
    }

    const char *m_p;
    const char *m_end;
    JsonLexer::Strings m_strings;
    Visitor &m_visitor;
};

} // namespace JsonWalk
