#pragma once

#include <QByteArray>
#include <QByteArrayView>

// Where the four fields of an error envelope lie in a JSON body of any size, found in one
// pass that checks the whole grammar and builds no document: a 100 MB envelope costs nothing
// beyond its body. It reads as Qt's parser does (nesting up to 1024 levels; control
// characters in strings and unknown escapes let through), except that strings are not
// checked for valid UTF-8: QJsonDocument would refuse such a body, here it is still JSON.
namespace EnvelopeScan {

struct Field
{
    enum class Type
    {
        Missing,
        String,
        Number,
        True,
        False,
        Null,
        Container,
    };
    Type type = Type::Missing;
    QByteArrayView raw; // the value as written, quotes included for a string
};

struct Result
{
    bool json = false;        // the whole body is one JSON value
    bool object = false;      // and it is an object
    bool errorObject = false; // with an "error" member that is an object
    Field type, code, message, requestId;
};

Result scan(const QByteArray &body);

// A string field's text, decoded, of at most maxChars characters (its start); `whole`, when
// given, says whether that is all of it.
QString decodeStart(const Field &field, qsizetype maxChars, bool *whole = nullptr);

} // namespace EnvelopeScan
