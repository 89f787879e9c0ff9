#pragma once

#include <QString>

#include <functional>

class QObject;

// The app's only way to the clipboard: the text passes the redaction function first, so no
// key the app has held can be pasted anywhere by accident.
namespace Clipboard {

void copy(const QString &text);
// For a text of megabytes: it is made and redacted on a worker, then put on the clipboard on
// the UI thread, and `done` called there. Not at all if context, an object of that thread, is
// gone by then, or if another copy was asked for meanwhile: the last one asked for wins.
void copyInBackground(QObject *context, std::function<QString()> make,
                      std::function<void()> done = {});
QString text();

} // namespace Clipboard
