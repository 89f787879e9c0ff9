#pragma once

#include <QChar>
#include <QString>

// The curl options the import knows, and what it does with each. Every option whose value must
// not be taken for the URL is here; an option not here is reported as unknown.
namespace CurlOptions {

enum class Kind
{
    Method,        // -X
    Header,        // -H
    Data,          // -d and its kin: the body, or the query with -G
    DataRaw,       // --data-raw: as -d, but @ is not a file
    DataUrlencode, // --data-urlencode
    Json,          // --json: data, and JSON's Content-Type
    Url,           // --url
    Get,           // -G: the data goes into the query
    Head,          // -I: HEAD
    Quiet,         // how curl itself prints or follows: nothing to import, nothing to say
    Flag,          // ignored, with the reason said
    Value          // takes a value; both ignored, with the reason said
};

struct Option
{
    char shortName; // 0 when it has only the long name
    const char *longName;
    Kind kind;
    const char *reason = nullptr; // for Flag and Value, untranslated (context "CurlCommand")
};

const Option *findLong(const QString &name);
const Option *findShort(QChar name);
bool takesValue(Kind kind);

} // namespace CurlOptions
