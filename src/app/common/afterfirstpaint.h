#pragma once

#include <functional>

class QWidget;

// What the first frame does not need waits until it is on screen: `work` runs once, from the
// event loop, after `widget` is first painted (never, if it never is). The work belongs to
// the widget: it does not run once the widget is gone.
namespace AfterFirstPaint {

void run(QWidget *widget, std::function<void()> work);

} // namespace AfterFirstPaint
