#include "app/common/clipboard.h"

#include "core/secrets/redaction.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <atomic>
#include <utility>

namespace Clipboard {

namespace {

// The last copy asked for wins: a copy made on a worker that a later copy overtook is dropped,
// at the latest before it reaches the clipboard. Counted on the UI thread, read on workers.
std::atomic<quint64> &latestCopy()
{
    static std::atomic<quint64> latest{0};
    return latest;
}

} // namespace

void copy(const QString &text)
{
    ++latestCopy();
    QGuiApplication::clipboard()->setText(Redaction::scrub(text));
}

void copyInBackground(QObject *context, std::function<QString()> make,
                      std::function<void(bool copied)> done)
{
    // The pointer is only read back on the UI thread, where the context lives and dies.
    QPointer<QObject> guard(context);
    const quint64 copy = ++latestCopy();
    const auto overtaken = [copy] {
        return latestCopy().load() != copy;
    };
    QThreadPool::globalInstance()->start(
        [guard, overtaken, make = std::move(make), done = std::move(done)]() mutable {
            QString text;
            if (!overtaken())
                text = make();
            if (!overtaken())
                text = Redaction::scrub(text);
            else
                text.clear(); // not redacted: not to be kept a moment longer
            const auto put = [guard, overtaken, text = std::move(text), done = std::move(done)] {
                if (!guard)
                    return;
                const bool copied = !overtaken();
                if (copied)
                    QGuiApplication::clipboard()->setText(text);
                if (done)
                    done(copied);
            };
            QMetaObject::invokeMethod(QCoreApplication::instance(), put);
        });
}

QString text()
{
    return QGuiApplication::clipboard()->text();
}

} // namespace Clipboard
