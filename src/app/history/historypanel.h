#pragma once

#include "core/history/historyrow.h"
#include "core/net/callrecord.h"

#include <QAction>
#include <QTimer>
#include <QWidget>

#include <memory>

class HistoryModel;
class HistoryStore;

namespace Ui {
class HistoryPanel;
}

// Every past call, newest first: a filter box where a pasted request ID jumps to its call,
// and a context menu with the actions a support case needs: compare two calls (Ctrl+D), pin
// a call to keep it whatever the retention, copy, export.
class HistoryPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryPanel(QWidget *parent = nullptr);
    ~HistoryPanel() override;

    void setStore(HistoryStore *store);
    HistoryModel *model() const { return m_model; }
    void selectCall(qint64 id);
    // The row of a call just shown elsewhere (a new call's), selected and in view, without
    // showing it again.
    void markCall(qint64 id);
    // Selects the first call made with this idempotency key: the one a replay repeats.
    void selectOriginal(const QByteArray &idempotencyKey);
    QList<CallRecord> selectedCalls() const;
    // Compare (Ctrl+D, two calls selected), Pin…, Unpin: the context menu's actions, there
    // for the window's menus and shortcuts too.
    QAction *compareAction() const { return m_compareAction; }
    QAction *pinAction() const { return m_pinAction; }
    QAction *unpinAction() const { return m_unpinAction; }
    // Pins the selected call under `name` (may be empty), as Pin… does after asking.
    void pinSelected(const QString &name);
    // Writes the calls as HAR 1.2 or JSON lines, through the redaction; empty, or the error.
    static QString exportTo(const QString &path, const QList<CallRecord> &calls, bool har);

Q_SIGNALS:
    void callActivated(const CallRecord &record);
    void openInComposer(const CallRecord &record);
    void retryRequested(const CallRecord &record);
    void compareRequested(const CallRecord &a, const CallRecord &b);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFilter();
    void showRow(int row);
    // The newest selected row (id 0 when none), read from the model without loading a call.
    HistoryRow newestSelected() const;
    void showMenu(const QPoint &at);
    void exportSelected(bool har);
    void clearHistory();
    void onCurrentChanged();
    void jumpToFirst();
    void compareSelected();
    void askPinName();
    void updateActions();

    std::unique_ptr<Ui::HistoryPanel> m_ui;
    HistoryStore *m_store = nullptr;
    HistoryModel *m_model = nullptr;
    // The selected call is shown when loaded; bodies stored compressed or this large are read
    // off the UI thread, and a later selection wins.
    static constexpr qsizetype inflateHereBytes = 64 * 1024;
    quint64 m_loadGeneration = 0;
    bool m_quietCurrent = false; // the current row changes, but nobody chose it
    QTimer m_filterDelay;
    QString m_appliedText;
    QAction *m_compareAction;
    QAction *m_pinAction;
    QAction *m_unpinAction;
};
