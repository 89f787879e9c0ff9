#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// JSON as text for people: where a body fails to parse (line and column, before it is sent)
// and a pretty form of a response, made without touching the UI thread when it is large.
namespace JsonText {

struct Check
{
    bool ok = true;
    bool empty = false;
    int line = 0;   // 1-based
    int column = 0; // 1-based
    QString message;
};

Check check(const QByteArray &body);
// Indented JSON, or the bytes as they are when they are not JSON (or when the indented copy
// would pass four times the body). Only whitespace changes: key order, numbers and escapes
// stay as the server wrote them.
QByteArray pretty(const QByteArray &body, bool *wasJson = nullptr);
// The same lines with no indentation written: `depths` gets each line's depth (its
// indentation in steps of four spaces, at most 255), or nothing when the body is not JSON.
// For a view that indents what it shows: a large body's pretty copy is then about its own
// size, not twice it.
QByteArray prettyLines(const QByteArray &body, QList<quint8> *depths, bool *wasJson = nullptr);

} // namespace JsonText
