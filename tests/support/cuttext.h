#pragma once

#include <QStringList>

class QWidget;

// Every visible label, button, check box, group box title, table header, combo box, tab
// title and field of `root` (and its children) whose text does not fit the room it was
// given, or a field squeezed below a dozen characters: what a person would read as cut. Each entry
// names the widget, its text and its size against the size its text needs.
namespace CutText {

QStringList find(QWidget *root);

} // namespace CutText
