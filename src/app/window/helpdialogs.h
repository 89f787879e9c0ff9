#pragma once

class QWidget;

// The Help menu's references: every keyboard shortcut of the window, and the history
// filter's language, each in a small dialog of plain text that can be selected and copied.
namespace HelpDialogs {

void keyboardShortcuts(QWidget *parent);
void filterLanguage(QWidget *parent);
void about(QWidget *parent);

} // namespace HelpDialogs
