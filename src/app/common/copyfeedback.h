#pragma once

class QWidget;

// "Copied", said where the copy was asked for: a tooltip by the widget for a moment, and the
// same as the widget's accessible description, with the change announced, so that a screen
// reader says it too. Copying a request ID is what people come for: it must show it worked.
namespace CopyFeedback {

void show(QWidget *where);

} // namespace CopyFeedback
