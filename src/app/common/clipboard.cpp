#include "common/clipboard.h"

#include "secrets/redaction.h"

#include <QClipboard>
#include <QGuiApplication>

namespace Clipboard {

void copy(const QString &text)
{
    QGuiApplication::clipboard()->setText(Redaction::scrub(text));
}

QString text()
{
    return QGuiApplication::clipboard()->text();
}

} // namespace Clipboard
