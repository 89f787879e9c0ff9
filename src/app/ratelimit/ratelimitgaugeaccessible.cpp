#include "app/ratelimit/ratelimitgaugeaccessible.h"

#include "app/ratelimit/ratelimitgauge.h"
#include "core/ratelimit/ratelimittracker.h"

RateLimitGaugeAccessible::RateLimitGaugeAccessible(QWidget *widget)
    : QAccessibleWidget(widget, QAccessible::ProgressBar)
{}

QAccessibleInterface *RateLimitGaugeAccessible::factory(const QString &className, QObject *object)
{
    if (className == QLatin1String("RateLimitGauge") && object && object->isWidgetType())
        return new RateLimitGaugeAccessible(static_cast<QWidget *>(object));
    return nullptr;
}

RateLimitGauge *RateLimitGaugeAccessible::gauge() const
{
    return static_cast<RateLimitGauge *>(widget());
}

void *RateLimitGaugeAccessible::interface_cast(QAccessible::InterfaceType type)
{
    if (type == QAccessible::ValueInterface)
        return static_cast<QAccessibleValueInterface *>(this);
    return QAccessibleWidget::interface_cast(type);
}

QString RateLimitGaugeAccessible::text(QAccessible::Text t) const
{
    switch (t) {
    case QAccessible::Name:
        return QStringLiteral("Rate limit");
    case QAccessible::Description:
    case QAccessible::Value:
        return gauge()->text();
    default:
        return QAccessibleWidget::text(t);
    }
}

QVariant RateLimitGaugeAccessible::currentValue() const
{
    const RateLimitTracker *t = gauge()->tracker();
    return t && t->remaining() >= 0 ? QVariant(t->remaining()) : QVariant();
}

void RateLimitGaugeAccessible::setCurrentValue(const QVariant &)
{
    // Read-only: the server sets the budget.
}

QVariant RateLimitGaugeAccessible::maximumValue() const
{
    const RateLimitTracker *t = gauge()->tracker();
    return t && t->limit() >= 0 ? QVariant(t->limit()) : QVariant();
}

QVariant RateLimitGaugeAccessible::minimumValue() const
{
    return 0;
}

QVariant RateLimitGaugeAccessible::minimumStepSize() const
{
    return 1;
}
