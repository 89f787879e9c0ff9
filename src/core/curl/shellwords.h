#pragma once

#include <QString>
#include <QStringList>

// Shell words as a POSIX shell reads them: the splitter the curl import reads a pasted command
// with, and the quoting the curl export writes one with, so that what one writes the other
// reads back.
namespace ShellWords {

// Splits a command line the way a POSIX shell would for quotes, backslashes, line
// continuations and bash's $'…'. An unclosed quote gives no words and an error.
QStringList split(const QString &commandLine, QString *error);
// The text in single quotes, a ' inside written as '\''.
QString quoted(const QString &text);
// The text as it is when it is a plain token, quoted otherwise.
QString word(const QString &text);

} // namespace ShellWords
