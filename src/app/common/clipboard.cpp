#include "common/clipboard.h"

#include "secrets/redaction.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <utility>

namespace Clipboard {

void copy(const QString &text)
{
    QGuiApplication::clipboard()->setText(Redaction::scrub(text));
}

void copyInBackground(QObject *context, std::function<QString()> make, std::function<void()> done)
{
    // The pointer is only read back on the UI thread, where the context lives and dies.
    QPointer<QObject> guard(context);
    QThreadPool::globalInstance()->start(
        [guard, make = std::move(make), done = std::move(done)]() mutable {
            QString text = Redaction::scrub(make());
            QMetaObject::invokeMethod(QCoreApplication::instance(),
                                      [guard, text = std::move(text), done = std::move(done)] {
                                          if (!guard)
                                              return;
                                          QGuiApplication::clipboard()->setText(text);
                                          if (done)
                                              done();
                                      });
        });
}

QString text()
{
    return QGuiApplication::clipboard()->text();
}

} // namespace Clipboard
