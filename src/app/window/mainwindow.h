#pragma once

#include "contract/failuresummary.h"
#include "net/callrecord.h"

#include <QElapsedTimer>
#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>

class AppServices;
class HistoryStore;
class PendingCall;
struct ApiRequest;

namespace Ui {
class MainWindow;
}

// The console's one window: it wires the panels to the Session and does nothing else.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(AppServices *services, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Shows a notice above the panels, with an optional action button.
    void showBanner(const QString &text, const QString &actionText = {},
                    std::function<void()> action = {});
    // What a second launch asks for: this window shown, raised and active, on the profile of
    // its --base-url (when not empty) as a fresh start with it would open.
    void bringToFront(const QUrl &baseUrl);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    // The history is opened after the first paint, or by the first call if that is sooner:
    // its panel, the status line and what became of an unusable file come with it. Returns it.
    HistoryStore *openHistory();
    void reloadProfiles();
    void onProfileChosen(int index);
    void onSend();
    void send(const ApiRequest &request);
    void onRetry(const CallRecord &record);
    void onCallStarted(PendingCall *call);
    void onCallFinished(const CallRecord &record);
    void updateProgress();
    void updateKeyStatus();
    void askForSessionKey();
    void openProfiles();
    void openPreferences();
    void restoreState();
    // The first call made with this call's idempotency key on its profile; id 0 if none.
    CallRecord findOriginal(const CallRecord &record) const;
    void compareWithOriginal(const CallRecord &record);
    void openComparison(const CallRecord &a, const CallRecord &b, bool requestBody);
    void onSummaryAction(FailureSummary::Action action, const CallRecord &record);

    std::unique_ptr<Ui::MainWindow> m_ui;
    AppServices *m_services;
    QList<QPointer<PendingCall>> m_inFlight;
    QElapsedTimer m_since;
    QTimer m_progressTimer;
    qint64 m_received = 0;
    QDateTime m_newestShown; // when the newest call shown on finishing was started
    std::function<void()> m_bannerAction;
};
