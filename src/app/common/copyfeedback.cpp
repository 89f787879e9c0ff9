#include "app/common/copyfeedback.h"

#include <QAccessible>
#include <QCoreApplication>
#include <QPointer>
#include <QTimer>
#include <QToolTip>
#include <QWidget>

namespace CopyFeedback {

void show(QWidget *where)
{
    refuse(where, QCoreApplication::translate("CopyFeedback", "Copied"));
}

void refuse(QWidget *where, const QString &copied)
{
    if (!where)
        return;
    constexpr int shownMs = 1500;
    QToolTip::showText(where->mapToGlobal(QPoint(where->width() / 2, where->height())), copied,
                       where, {}, shownMs);
    const QString before = where->accessibleDescription();
    where->setAccessibleDescription(copied);
    QAccessibleEvent changed(where, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&changed);
    QTimer::singleShot(shownMs, where, [w = QPointer<QWidget>(where), before, copied] {
        if (w && w->accessibleDescription() == copied)
            w->setAccessibleDescription(before);
    });
}

} // namespace CopyFeedback
