#include "app/window/mainwindow.h"

#include "app/common/afterfirstpaint.h"
#include "app/common/clipboard.h"
#include "app/common/logging.h"
#include "app/common/spoken.h"
#include "app/compare/callcomparisondialog.h"
#include "app/preferences/preferencesdialog.h"
#include "app/profiles/profilesdialog.h"
#include "app/profiles/proxylogindialog.h"
#include "app/request/requestpanel.h"
#include "app/response/responsepanel.h"
#include "app/startup/appservices.h"
#include "app/startup/singleinstance.h"
#include "app/window/helpdialogs.h"
#include "app/window/requesttab.h"
#include "core/base/settingvalue.h"
#include "core/history/historystore.h"
#include "core/secrets/redaction.h"
#include "ui_mainwindow.h"

#include <QApplication>
#include <QCloseEvent>
#include <QInputDialog>
#include <QMenuBar>
#include <QScreen>
#include <QSplitter>
#include <QTabBar>
#include <QTimer>

namespace {

const SettingValue<QByteArray> savedGeometry(QStringLiteral("window/geometry"), {});
const SettingValue<QByteArray> savedWindowState(QStringLiteral("window/state"), {});
const SettingValue<QByteArray> verticalSplit(QStringLiteral("window/verticalSplitter"), {});
const SettingValue<QByteArray> horizontalSplit(QStringLiteral("window/horizontalSplitter"), {});

} // namespace

MainWindow::MainWindow(AppServices *services, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_services(services)
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Pi Console"));
    m_ui->verticalSplitter->setStretchFactor(0, 3);
    m_ui->verticalSplitter->setStretchFactor(1, 2);
    m_ui->requestTabs->tabBar()->setAccessibleName(tr("Requests"));
    addRequestTab();
    buildMenus();

    Session *session = services->session();
    services->proxyAuth()->setAsk(ProxyLoginDialog::asker(this));
    connect(m_ui->profileCombo, &QComboBox::activated, this, &MainWindow::onProfileChosen);
    connect(m_ui->manageProfilesButton, &QToolButton::clicked, this, &MainWindow::openProfiles);
    connect(session->profiles(), &ProfileStore::changed, this, &MainWindow::reloadProfiles);
    connect(session, &Session::currentProfileChanged, this, [this] {
        // A notice about where calls go is out of date once the profile changes.
        if (m_bannerAboutProfile)
            m_ui->banner->hide();
        m_ui->rateLimitGauge->setTracker(m_services->session()->currentTracker());
        updateKeyStatus();
    });
    // A new call shown in the current tab has its row selected in the history, so the two
    // never disagree about which call is on screen.
    connect(session, &Session::callStored, this, [this](const CallRecord &stored) {
        const CallRecord &shown = currentTab()->responsePanel()->record();
        if (stored.startedUtc == shown.startedUtc && stored.method == shown.method &&
            stored.url == shown.url)
            // Once the history's own list has the row (it hears of it after the Session).
            QTimer::singleShot(0, this,
                               [this, id = stored.id] { m_ui->historyPanel->markCall(id); });
    });
    // Before a call can finish, so that it is recorded.
    connect(session, &Session::callStarted, this, &MainWindow::openHistory);
    connect(session, &Session::keyProblem, this,
            [this](const QString &profileId, const KeyVault::Result &r) {
                showBanner(r.status == KeyVault::Status::NotFound
                               ? tr("No API key is stored for this profile (or the keychain is "
                                    "locked), so the call went without one.")
                               : r.message,
                           tr("Use a key for this session only…"),
                           [this, profileId] { askForSessionKey(profileId); });
            });
    HistoryPanel *history = m_ui->historyPanel;
    connect(history, &HistoryPanel::compareRequested, this,
            [this](const CallRecord &a, const CallRecord &b) {
                qCDebug(lcWindow) << "compare calls" << a.id << "and" << b.id;
                auto *dialog = new CallComparisonDialog(a, b, this);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                dialog->showPage(CallComparisonDialog::Page::RequestBody);
                dialog->show();
            });
    connect(history, &HistoryPanel::callActivated, this,
            [this](const CallRecord &r) { currentTab()->showCall(r); });
    connect(history, &HistoryPanel::retryRequested, this,
            [this](const CallRecord &r) { currentTab()->retry(r); });
    connect(history, &HistoryPanel::openInComposer, this, [this](const CallRecord &r) {
        currentTab()->openInComposer(r);
        warnOfOtherProfile(r);
    });
    connect(m_ui->bannerClose, &QToolButton::clicked, m_ui->banner, &QWidget::hide);
    connect(m_ui->bannerAction, &QPushButton::clicked, this, [this] {
        m_ui->banner->hide();
        if (m_bannerAction)
            m_bannerAction();
    });

    if (EmbeddedSandbox *sandbox = services->sandbox(); sandbox && sandbox->baseUrl().isEmpty()) {
        showBanner(tr("Starting the local sandbox…"));
        connect(sandbox, &EmbeddedSandbox::started, m_ui->banner, &QWidget::hide);
        connect(sandbox, &EmbeddedSandbox::failed, this, [this](const QString &why) {
            showBanner(
                tr("The local sandbox could not start: %1 Add a profile for the Pi API.").arg(why),
                tr("Profiles…"), [this] { openProfiles(); });
        });
    }
    reloadProfiles();
    m_ui->rateLimitGauge->setTracker(session->currentTracker());
    updateKeyStatus();
    restoreState();
    AfterFirstPaint::run(this, [this] {
        openHistory();
        m_services->session()->learnSavedKeys();
    });
}

MainWindow::~MainWindow() = default;

RequestTab *MainWindow::addRequestTab()
{
    auto *tab = new RequestTab(m_services->session(), m_ui->requestTabs);
    connect(tab, &RequestTab::noticeRequested, this,
            [this](const QString &text) { showBanner(text); });
    connect(tab, &RequestTab::profilesRequested, this, &MainWindow::openProfiles);
    // Never a command for one server sent to another without a word.
    connect(tab, &RequestTab::otherOriginPasted, this, [this](const QUrl &origin) {
        const Profile current = m_services->session()->currentProfile();
        showBanner(
            tr("The pasted command was for %1. Calls still go to the profile \"%2\" (%3) "
               "until you choose otherwise.")
                .arg(origin.toDisplayString(), current.name, current.baseUrl.toDisplayString()),
            tr("Use a profile for %1").arg(origin.toDisplayString()),
            [this, origin] { m_services->openBaseUrl(origin); });
        m_bannerAboutProfile = true;
    });
    connect(tab, &RequestTab::originalRequested, m_ui->historyPanel, &HistoryPanel::selectOriginal);
    m_ui->requestTabs->setCurrentIndex(m_ui->requestTabs->addTab(tab, tr("Request")));
    return tab;
}

RequestTab *MainWindow::currentTab() const
{
    return qobject_cast<RequestTab *>(m_ui->requestTabs->currentWidget());
}

HistoryStore *MainWindow::openHistory()
{
    if (HistoryStore *open = m_services->history())
        return open;
    HistoryStore *history = m_services->openHistory();
    m_ui->historyPanel->setStore(history);
    connect(history, &HistoryStore::failed, this, [this](const QString &m) { showBanner(m); });
    const auto &db = history->database();
    if (!db.message.isEmpty())
        showBanner(db.message); // moved aside, or kept in memory only
    statusBar()->showMessage(db.inMemory ? tr("History in memory only")
                                         : tr("History: %1").arg(db.path));
    qCDebug(lcWindow) << "history open";
    return history;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Profiles…"), this, &MainWindow::openProfiles);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *preferences = edit->addAction(tr("&Preferences…"), this, &MainWindow::openPreferences);
    preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setMenuRole(QAction::PreferencesRole);
    preferences->setObjectName(QStringLiteral("preferencesAction"));
    edit->addSeparator();
    // Every shortcut of the window is in a menu, acting on the current tab.
    edit->addAction(tr("Go to &path"), QKeySequence(Qt::CTRL | Qt::Key_L), this,
                    [this] { currentTab()->requestPanel()->focusPath(); });
    edit->addAction(tr("&Find in response body"), QKeySequence::Find, this,
                    [this] { currentTab()->responsePanel()->focusFind(); });
    QMenu *request = menuBar()->addMenu(tr("&Request"));
    QAction *send = request->addAction(tr("&Send"), this, [this] { currentTab()->send(); });
    send->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    request->addAction(tr("&Cancel"), QKeySequence(Qt::Key_Escape), this,
                       [this] { currentTab()->cancel(); });
    request->addAction(tr("&Retry with same idempotency key"), this,
                       [this] { currentTab()->retry(currentTab()->responsePanel()->record()); });
    request->addAction(tr("Copy request &ID"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this,
                       [this] { currentTab()->responsePanel()->copyRequestId(); });
    request->addAction(tr("&Paste curl command…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V),
                       this,
                       [this] { currentTab()->requestPanel()->pasteCurl(Clipboard::text()); });
    QMenu *history = menuBar()->addMenu(tr("Hi&story"));
    history->addAction(m_ui->historyPanel->compareAction());
    history->addAction(m_ui->historyPanel->pinAction());
    history->addAction(m_ui->historyPanel->unpinAction());
    HelpDialogs::addMenu(menuBar(), this);
}

void MainWindow::bringToFront(const QUrl &baseUrl)
{
    // A dialog open (Profiles…, say) works on the profile it was opened for: the hand-over's
    // profile is made current once it is closed, not under it.
    if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        dialog && !baseUrl.isEmpty()) {
        qCDebug(lcInstance, "a dialog is open: %s waits for it", qPrintable(baseUrl.toString()));
        connect(
            dialog, &QDialog::finished, this, [this, baseUrl] { bringToFront(baseUrl); },
            Qt::SingleShotConnection);
        dialog->raise();
        dialog->activateWindow();
        return;
    }
    if (!baseUrl.isEmpty()) {
        const Profile p = m_services->openBaseUrl(baseUrl);
        qCDebug(lcInstance, "opened %s: profile \"%s\"%s", qPrintable(baseUrl.toString()),
                qPrintable(p.name), p.sessionOnly ? " (this session)" : "");
    }
    // Out of the task bar if minimized, but still maximized if it was (showNormal() would
    // undo that).
    setWindowState(windowState() & ~Qt::WindowMinimized);
    show();
    raise();
    activateWindow();
    qCDebug(lcInstance, "raised the window");
}

void MainWindow::reloadProfiles()
{
    Session *session = m_services->session();
    const QString current = session->currentProfile().id;
    m_ui->profileCombo->clear();
    for (const Profile &p : session->profiles()->profiles()) {
        m_ui->profileCombo->addItem(p.sessionOnly ? tr("%1 (this session)").arg(p.name) : p.name,
                                    p.id);
        m_ui->profileCombo->setItemData(m_ui->profileCombo->count() - 1, p.baseUrl.toString(),
                                        Qt::ToolTipRole);
    }
    m_ui->profileCombo->setCurrentIndex(std::max(0, m_ui->profileCombo->findData(current)));
    for (int i = 0; i < m_ui->requestTabs->count(); ++i)
        if (auto *tab = qobject_cast<RequestTab *>(m_ui->requestTabs->widget(i)))
            tab->requestPanel()->setEnabled(m_ui->profileCombo->count() > 0);
    const bool sandboxComing = m_services->sandbox() && m_services->sandbox()->baseUrl().isEmpty();
    if (m_ui->profileCombo->count() == 0 && !sandboxComing)
        showBanner(tr("No profile yet. Add one for the Pi API, with its base URL and key."),
                   tr("Profiles…"), [this] { openProfiles(); });
}

void MainWindow::onProfileChosen(int index)
{
    m_services->session()->setCurrentProfile(m_ui->profileCombo->itemData(index).toString());
}

void MainWindow::updateKeyStatus()
{
    Session *session = m_services->session();
    const Profile p = session->currentProfile();
    if (!p.isValid()) {
        Spoken::setText(m_ui->keyStatusLabel, QString());
        return;
    }
    QPointer<MainWindow> self(this);
    const bool sessionKey = session->keys()->hasSessionKey(p.id);
    session->keys()->key(
        p.id, [self, p, sessionKey](const KeyVault::Result &r, const QString &key) {
            if (!self || self->m_services->session()->currentProfile().id != p.id)
                return;
            Spoken::setText(self->m_ui->keyStatusLabel,
                            r.ok() ? tr("Key %1%2")
                                         .arg(Redaction::maskKey(key),
                                              sessionKey ? tr(" (session)") : QString())
                                   : tr("No key"));
            self->m_ui->keyStatusLabel->setToolTip(r.ok() ? QString() : r.message);
        });
}

void MainWindow::warnOfOtherProfile(const CallRecord &r)
{
    const Session *session = m_services->session();
    const Profile current = session->currentProfile();
    if (r.profileId.isEmpty() || r.profileId == current.id)
        return;
    const Profile went = session->profiles()->find(r.profileId);
    const QString wentName = went.isValid() ? went.name : r.profile;
    const QString text =
        tr("This call went to the profile \"%1\" (%2). Sent from the composer, "
           "it goes to the profile \"%3\" (%4) until you choose otherwise.")
            .arg(wentName, r.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toDisplayString(),
                 current.name, current.baseUrl.toDisplayString());
    if (went.isValid())
        showBanner(text, tr("Use profile \"%1\"").arg(went.name),
                   [this, id = went.id] { m_services->session()->setCurrentProfile(id); });
    else
        showBanner(text);
    m_bannerAboutProfile = true;
}

void MainWindow::showBanner(const QString &text, const QString &actionText,
                            std::function<void()> action)
{
    m_bannerAboutProfile = false;
    qCDebug(lcWindow) << "banner:" << text;
    m_ui->bannerText->setText(text);
    m_ui->bannerAction->setText(actionText);
    m_ui->bannerAction->setVisible(!actionText.isEmpty());
    m_bannerAction = std::move(action);
    m_ui->banner->show();
}

void MainWindow::askForSessionKey(const QString &profileId)
{
    // The profile whose call had no key, which need not be the one selected now (a retry goes
    // to its call's own profile).
    const Profile p = m_services->session()->profiles()->find(profileId);
    if (!p.isValid())
        return;
    bool ok = false;
    const QString key = QInputDialog::getText(
        this, tr("Key for this session"),
        tr("API key for %1, kept in memory until Pi Console quits:").arg(p.name),
        QLineEdit::Password, QString(), &ok);
    if (ok && !key.trimmed().isEmpty()) {
        m_services->session()->keys()->setSessionKey(p.id, key.trimmed());
        updateKeyStatus();
    }
}

void MainWindow::openProfiles()
{
    ProfilesDialog dialog(m_services->session(), m_services->client(), this);
    dialog.exec();
    reloadProfiles();
    updateKeyStatus();
}

void MainWindow::openPreferences()
{
    PreferencesDialog dialog(Preferences::load(m_services->settings()), openHistory(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Preferences chosen = dialog.preferences();
    chosen.save(m_services->settings());
    m_services->apply(chosen);
    qCDebug(lcWindow) << "preferences applied";
}

void MainWindow::restoreState()
{
    const QSettings &s = m_services->settings();
    if (!restoreGeometry(savedGeometry.get(s)))
        fitFirstSize();
    QMainWindow::restoreState(savedWindowState.get(s));
    m_ui->verticalSplitter->restoreState(verticalSplit.get(s));
    currentTab()->splitter()->restoreState(horizontalSplit.get(s));
}

void MainWindow::fitFirstSize()
{
    // The designed size where it fits; on a laptop's 1366×768 what the desktop leaves,
    // less room for the title bar and frame.
    const QScreen *on = screen() ? screen() : QGuiApplication::primaryScreen();
    if (!on)
        return;
    const QRect room = on->availableGeometry();
    constexpr int frame = 48;
    const QSize size(std::min(width(), room.width() - frame / 2),
                     std::min(height(), room.height() - frame));
    resize(size.expandedTo(minimumSizeHint()));
    move(room.center() - rect().center());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings &s = m_services->settings();
    savedGeometry.set(s, saveGeometry());
    savedWindowState.set(s, saveState());
    verticalSplit.set(s, m_ui->verticalSplitter->saveState());
    horizontalSplit.set(s, currentTab()->splitter()->saveState());
    event->accept();
}
