#include "app/common/spoken.h"

#include <QAccessible>
#include <QLabel>

namespace Spoken {

void setText(QLabel *label, const QString &text)
{
    label->setText(text);
    describe(label, text);
}

void describe(QWidget *widget, const QString &text)
{
    if (widget->accessibleDescription() != text)
        announce(widget, text);
}

void announce(QWidget *widget, const QString &text)
{
    widget->setAccessibleDescription(text);
    QAccessibleEvent changed(widget, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&changed);
}

} // namespace Spoken
