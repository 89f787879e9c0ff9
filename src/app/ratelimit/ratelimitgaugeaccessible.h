#pragma once

#include <QAccessibleValueInterface>
#include <QAccessibleWidget>

class RateLimitGauge;

// Exposes the gauge to assistive technology as a value between 0 and the limit.
class RateLimitGaugeAccessible final : public QAccessibleWidget, public QAccessibleValueInterface
{
public:
    explicit RateLimitGaugeAccessible(QWidget *widget);

    static QAccessibleInterface *factory(const QString &className, QObject *object);

    void *interface_cast(QAccessible::InterfaceType type) override;
    QString text(QAccessible::Text t) const override;

    QVariant currentValue() const override;
    void setCurrentValue(const QVariant &value) override;
    QVariant maximumValue() const override;
    QVariant minimumValue() const override;
    QVariant minimumStepSize() const override;

private:
    RateLimitGauge *gauge() const;
};
