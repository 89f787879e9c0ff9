#pragma once

// The tokens of JSON's grammar, for the readers that walk a body without building a document
// (JsonText's re-indenter, the error envelope's scan). Each reads one token starting at `p`
// and returns where it ends, or nullptr when what is there is not that token.
namespace JsonLexer {

enum class Strings
{
    Strict,   // RFC 8259: no control characters, only the escapes it names
    AsQtDoes, // Qt's parser: control characters pass, an unknown escape is its character
};

enum class Literal
{
    True,
    False,
    Null,
};

const char *skipSpace(const char *p, const char *end);
// `p` is on the opening quote; the end is past the closing one. \u needs four hex digits.
const char *string(const char *p, const char *end, Strings rules);
const char *number(const char *p, const char *end);
const char *literal(const char *p, const char *end, Literal *which);

} // namespace JsonLexer
