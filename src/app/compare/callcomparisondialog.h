#pragma once

#include "core/compare/calldiff.h"

#include <QDialog>

#include <atomic>
#include <memory>

namespace Ui {
class CallComparisonDialog;
}

// Two calls compared side by side (accessible name "Call comparison"): the fields that
// differ, both request bodies and both response bodies with their differences by JSON path
// or line, and the headers added, removed and changed. The comparison runs on a worker
// thread, so large bodies never freeze the window; "Copy as text" gives it to a ticket.
class CallComparisonDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Page
    {
        RequestBody,
        ResponseBody,
        Headers
    };

    CallComparisonDialog(const CallRecord &a, const CallRecord &b, QWidget *parent = nullptr);
    ~CallComparisonDialog() override;

    void showPage(Page page);
    bool isReady() const { return m_ready; }
    const CallDiff &diff() const { return m_diff; }

Q_SIGNALS:
    void ready();

private:
    void showDiff(const CallDiff &diff);
    void fillFields();

    std::unique_ptr<Ui::CallComparisonDialog> m_ui;
    CallDiff m_diff;
    bool m_ready = false;
    // Set when the dialog goes: a comparison still running stops early.
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
};
