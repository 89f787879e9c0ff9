#pragma once

#include <QString>

// The app's only way to the clipboard: the text passes the redaction function first, so no
// key the app has held can be pasted anywhere by accident.
namespace Clipboard {

void copy(const QString &text);
QString text();

} // namespace Clipboard
