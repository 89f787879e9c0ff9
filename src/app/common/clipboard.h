#pragma once

#include <QString>

#include <functional>

class QObject;

// The app's only way to the clipboard: the text passes the redaction function first, so no
// key the app has held can be pasted anywhere by accident.
namespace Clipboard {

void copy(const QString &text);
// For a text of megabytes: it is made and redacted on a worker, then put on the clipboard on
// the UI thread, and `done` called there, unless context (an object of that thread) is gone
// by then. The last copy asked for through Clipboard wins: one overtaken meanwhile is dropped
// (`done` says false). Text another widget or program puts there meanwhile is not seen: Qt's
// dataChanged also comes for our own text and, on Wayland, at every focus change.
void copyInBackground(QObject *context, std::function<QString()> make,
                      std::function<void(bool copied)> done = {});
QString text();

} // namespace Clipboard
