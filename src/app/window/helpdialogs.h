#pragma once

class QMenuBar;
class QWidget;

// The Help menu's references: every keyboard shortcut of the window, and the history
// filter's language, each in a small dialog of plain text that can be selected and copied.
namespace HelpDialogs {

void keyboardShortcuts(QWidget *parent);
void filterLanguage(QWidget *parent);
void about(QWidget *parent);
// The Help menu with the three, for the window `parent`.
void addMenu(QMenuBar *bar, QWidget *parent);

} // namespace HelpDialogs
