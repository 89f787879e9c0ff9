#include "core/base/jsonlexer.h"

#include <cctype>
#include <cstring>

namespace JsonLexer {

namespace {

const char *digits(const char *p, const char *end)
{
    const char *from = p;
    while (p < end && *p >= '0' && *p <= '9')
        ++p;
    return p > from ? p : nullptr;
}

} // namespace

const char *skipSpace(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        ++p;
    return p;
}

const char *string(const char *p, const char *end, Strings rules)
{
    const bool strict = rules == Strings::Strict;
    ++p;
    while (p < end && *p != '"') {
        if (strict && static_cast<unsigned char>(*p) < 0x20)
            return nullptr;
        if (*p == '\\') {
            if (++p == end)
                return nullptr;
            if (*p == 'u') {
                for (int i = 0; i < 4; ++i)
                    if (++p == end || !isxdigit(static_cast<unsigned char>(*p)))
                        return nullptr;
            } else if (strict && !strchr("\"\\/bfnrt", *p)) {
                return nullptr;
            }
        }
        ++p;
    }
    return p < end ? p + 1 : nullptr;
}

const char *number(const char *p, const char *end)
{
    if (p < end && *p == '-')
        ++p;
    if (p < end && *p == '0')
        ++p;
    else if (!(p = digits(p, end)))
        return nullptr;
    if (p < end && *p == '.' && !(p = digits(p + 1, end)))
        return nullptr;
    if (p < end && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p < end && (*p == '+' || *p == '-'))
            ++p;
        if (!(p = digits(p, end)))
            return nullptr;
    }
    return p;
}

const char *literal(const char *p, const char *end, Literal *which)
{
    const struct
    {
        const char *word;
        Literal literal;
    } words[] = {{"true", Literal::True}, {"false", Literal::False}, {"null", Literal::Null}};
    for (const auto &w : words) {
        const auto n = static_cast<long>(strlen(w.word));
        if (end - p >= n && memcmp(p, w.word, size_t(n)) == 0) {
            *which = w.literal;
            return p + n;
        }
    }
    return nullptr;
}

} // namespace JsonLexer
