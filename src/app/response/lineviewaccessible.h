#pragma once

#include <QAccessibleWidget>

class LineView;

// Exposes a LineView to assistive technology as a read-only document: its description says
// which line the cursor is on, its value is that line.
class LineViewAccessible final : public QAccessibleWidget
{
public:
    explicit LineViewAccessible(QWidget *widget);

    static QAccessibleInterface *factory(const QString &className, QObject *object);

    QString text(QAccessible::Text t) const override;
    QAccessible::State state() const override;

private:
    LineView *view() const;
};
