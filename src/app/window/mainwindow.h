#pragma once

#include "core/net/callrecord.h"

#include <QMainWindow>
#include <QUrl>

#include <functional>
#include <memory>

class AppServices;
class HistoryStore;
class RequestTab;

namespace Ui {
class MainWindow;
}

// The console's one window: the profile bar and its rate-limit gauge, the request tabs, the
// history, the menus, the notice above the panels and the status line. What a request does
// is its tab's business and the Session's; the window only routes between them.
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
    RequestTab *addRequestTab();
    RequestTab *currentTab() const;
    void buildMenus();
    // The history is opened after the first paint, or by the first call if that is sooner:
    // its panel, the status line and what became of an unusable file come with it. Returns it.
    HistoryStore *openHistory();
    void reloadProfiles();
    void onProfileChosen(int index);
    void updateKeyStatus();
    void askForSessionKey(const QString &profileId);
    void openProfiles();
    void openPreferences();
    void restoreState();
    void fitFirstSize();
    // A call opened in the composer from another profile than the current one: said, with
    // the offer to switch, since Send goes to the current one.
    void warnOfOtherProfile(const CallRecord &record);

    std::unique_ptr<Ui::MainWindow> m_ui;
    AppServices *m_services;
    std::function<void()> m_bannerAction;
    bool m_bannerAboutProfile = false; // the banner says where calls go
};
