#pragma once

#include <QString>

class QLabel;
class QWidget;

// Text a screen reader should hear when it changes, not only the control's fixed name
// ("Failure summary", "Hint", "Body check", "Key status" stay the names): it becomes the
// control's accessible description, and the change is announced.
namespace Spoken {

void setText(QLabel *label, const QString &text);
void describe(QWidget *widget, const QString &text);
// As describe(), announced even when the text is the same as before (a new response with
// the same status as the last).
void announce(QWidget *widget, const QString &text);

} // namespace Spoken
