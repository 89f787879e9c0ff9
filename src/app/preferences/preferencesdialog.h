#pragma once

#include "app/preferences/preferences.h"

#include <QDialog>

#include <memory>

class HistoryStore;

namespace Ui {
class PreferencesDialog;
}

// Edit → Preferences… (Ctrl+,): retention by calls, days and bytes, the response body kept
// per call, the request timeout; the history's size on disk and "Compact now".
class PreferencesDialog final : public QDialog
{
    Q_OBJECT

public:
    PreferencesDialog(const Preferences &current, HistoryStore *history, QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    // What the dialog shows now, as preferences.
    Preferences preferences() const;

private:
    void showSize();

    std::unique_ptr<Ui::PreferencesDialog> m_ui;
    HistoryStore *m_history;
    qint64 m_maxBytes = 0;   // as loaded
    int m_shownMaxBytes = 0; // as first shown, in MB
};
