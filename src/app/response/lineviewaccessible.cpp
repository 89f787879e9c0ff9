#include "app/response/lineviewaccessible.h"

#include "app/response/lineview.h"

LineViewAccessible::LineViewAccessible(QWidget *widget)
    : QAccessibleWidget(widget, QAccessible::Document)
{}

QAccessibleInterface *LineViewAccessible::factory(const QString &className, QObject *object)
{
    if (className == QLatin1String("LineView") && object && object->isWidgetType())
        return new LineViewAccessible(static_cast<QWidget *>(object));
    return nullptr;
}

LineView *LineViewAccessible::view() const
{
    return static_cast<LineView *>(widget());
}

QString LineViewAccessible::text(QAccessible::Text t) const
{
    const qsizetype row = view()->currentRow();
    switch (t) {
    case QAccessible::Description:
        if (row >= 0)
            return LineView::tr("Line %L1 of %L2").arg(row + 1).arg(view()->lines().rowCount());
        return view()->lines().rowCount() == 1
                   ? LineView::tr("1 line")
                   : LineView::tr("%L1 lines").arg(view()->lines().rowCount());
    case QAccessible::Value:
        return row < 0 ? QString() : view()->lines().rowText(row);
    default:
        return QAccessibleWidget::text(t);
    }
}

QAccessible::State LineViewAccessible::state() const
{
    QAccessible::State s = QAccessibleWidget::state();
    s.readOnly = true;
    s.multiLine = true;
    s.focusable = true;
    return s;
}
