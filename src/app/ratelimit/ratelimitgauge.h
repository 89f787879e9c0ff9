#pragma once

#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include "core/ratelimit/ratelimittracker.h"

// The budget at a glance: remaining of limit as a bar coloured by level, a live countdown to
// the reset, and a small timeline of remaining over the session. Screen readers get the
// value (QAccessibleValueInterface) and a description like "42 of 100 left, resets in 0:37".
class RateLimitGauge final : public QWidget
{
    Q_OBJECT

public:
    explicit RateLimitGauge(QWidget *parent = nullptr);

    void setTracker(RateLimitTracker *tracker);
    RateLimitTracker *tracker() const { return m_tracker; }
    QString text() const;
    QList<int> timeline() const { return m_samples; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void onChanged();
    void tick();
    QColor levelColor() const;

    QPointer<RateLimitTracker> m_tracker;
    QTimer m_timer;
    QList<int> m_samples; // remaining after each response, this session
    QString m_lastText;
};
