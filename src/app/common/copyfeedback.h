#pragma once

#include <QPoint>
#include <QString>

class QWidget;

// "Copied", said where the copy was asked for: a tooltip by the widget for a moment, and the
// same as the widget's accessible description, with the change announced, so that a screen
// reader says it too. Copying a request ID is what people come for: it must show it worked.
namespace CopyFeedback {

void show(QWidget *where);
// At a point of `where` (in its coordinates): where a right-click was, say.
void showAt(QWidget *where, const QPoint &at);
// The same place and way, for a copy that did not happen: `why` instead of "Copied".
void refuse(QWidget *where, const QString &why);

} // namespace CopyFeedback
