#include "app/common/copyfeedback.h"

#include <QAccessible>
#include <QCoreApplication>
#include <QPointer>
#include <QTimer>
#include <QToolTip>
#include <QWidget>

namespace CopyFeedback {

namespace {

void say(QWidget *where, const QPoint &at, const QString &copied)
{
    if (!where)
        return;
    constexpr int shownMs = 1500;
    QToolTip::showText(where->mapToGlobal(at), copied, where, {}, shownMs);
    const QString before = where->accessibleDescription();
    where->setAccessibleDescription(copied);
    QAccessibleEvent changed(where, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&changed);
    QTimer::singleShot(shownMs, where, [w = QPointer<QWidget>(where), before, copied] {
        if (w && w->accessibleDescription() == copied)
            w->setAccessibleDescription(before);
    });
}

} // namespace

void show(QWidget *where)
{
    if (where)
        showAt(where, QPoint(where->width() / 2, where->height()));
}

void showAt(QWidget *where, const QPoint &at)
{
    say(where, at, QCoreApplication::translate("CopyFeedback", "Copied"));
}

void refuse(QWidget *where, const QString &why)
{
    if (where)
        say(where, QPoint(where->width() / 2, where->height()), why);
}

} // namespace CopyFeedback
