#include "window/mainwindow.h"

#include "base/settingvalue.h"
#include "common/afterfirstpaint.h"
#include "common/clipboard.h"
#include "common/logging.h"
#include "compare/callcomparisondialog.h"
#include "contract/retryplan.h"
#include "history/historymodel.h"
#include "preferences/preferencesdialog.h"
#include "profiles/profilesdialog.h"
#include "secrets/redaction.h"
#include "startup/appservices.h"
#include "startup/singleinstance.h"
#include "ui_mainwindow.h"
#include "version.h"

#include <QCloseEvent>
#include <QInputDialog>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>

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
    buildMenus();

    Session *session = services->session.get();
    connect(m_ui->profileCombo, &QComboBox::activated, this, &MainWindow::onProfileChosen);
    connect(m_ui->manageProfilesButton, &QToolButton::clicked, this, &MainWindow::openProfiles);
    connect(services->session->profiles(), &ProfileStore::changed, this,
            &MainWindow::reloadProfiles);
    connect(session, &Session::currentProfileChanged, this, [this] {
        m_ui->rateLimitGauge->setTracker(m_services->session->currentTracker());
        updateKeyStatus();
    });
    connect(m_ui->requestPanel, &RequestPanel::sendRequested, this, &MainWindow::onSend);
    connect(m_ui->requestPanel, &RequestPanel::cancelRequested, this, [this] {
        for (const QPointer<PendingCall> &call : std::as_const(m_inFlight))
            if (call)
                call->cancel();
        m_services->session->cancelQueuedSend();
    });
    connect(session, &Session::callStarted, this, &MainWindow::onCallStarted);
    connect(session, &Session::callFinished, this, &MainWindow::onCallFinished);
    connect(session, &Session::queuedSendChanged, this, [this] {
        if (m_services->session->hasQueuedSend())
            m_ui->requestPanel->setProgress(
                tr("Queued: sends at %1, when the rate-limit window resets. Esc cancels.")
                    .arg(QLocale().toString(m_services->session->queuedSendTime().time(),
                                            QLocale::LongFormat)));
        else
            m_ui->requestPanel->setProgress({});
    });
    // A queued send goes out exactly as Send would: the composer moves to the next key.
    connect(session, &Session::queuedSendDue, this, &MainWindow::send);
    connect(session, &Session::keyProblem, this,
            [this](const QString &, const KeyVault::Result &r) {
                showBanner(r.status == KeyVault::Status::NotFound
                               ? tr("No API key is stored for this profile (or the keychain is "
                                    "locked), so the call "
                                    "went without one.")
                               : r.message,
                           tr("Use a key for this session only…"), [this] { askForSessionKey(); });
            });
    connect(m_ui->responsePanel, &ResponsePanel::retryRequested, this, &MainWindow::onRetry);
    connect(m_ui->responsePanel, &ResponsePanel::compareWithOriginalRequested, this,
            &MainWindow::compareWithOriginal);
    connect(m_ui->responsePanel, &ResponsePanel::summaryActionRequested, this,
            &MainWindow::onSummaryAction);
    m_ui->responsePanel->setOriginalFinder(
        [this](const CallRecord &record) { return findOriginal(record); });
    connect(m_ui->historyPanel, &HistoryPanel::compareRequested, this,
            [this](const CallRecord &a, const CallRecord &b) { openComparison(a, b, true); });
    connect(m_ui->responsePanel, &ResponsePanel::openOriginalRequested, m_ui->historyPanel,
            &HistoryPanel::selectOriginal);
    connect(m_ui->historyPanel, &HistoryPanel::callActivated, m_ui->responsePanel,
            &ResponsePanel::showCall);
    connect(m_ui->historyPanel, &HistoryPanel::retryRequested, this, &MainWindow::onRetry);
    connect(m_ui->historyPanel, &HistoryPanel::openInComposer, this, [this](const CallRecord &r) {
        ApiRequest request =
            RetryPlan::requestFor(r, m_services->session->currentProfile().baseUrl);
        request.idempotencyKey.clear(); // a new call gets a new key
        m_ui->requestPanel->setRequest(request);
    });
    connect(m_ui->bannerClose, &QToolButton::clicked, m_ui->banner, &QWidget::hide);
    connect(m_ui->bannerAction, &QPushButton::clicked, this, [this] {
        m_ui->banner->hide();
        if (m_bannerAction)
            m_bannerAction();
    });
    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, &MainWindow::updateProgress);

    if (EmbeddedSandbox *sandbox = services->sandbox.get();
        sandbox && sandbox->baseUrl().isEmpty()) {
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
    AfterFirstPaint::run(this, [this] { openHistory(); });
}

HistoryStore *MainWindow::openHistory()
{
    if (m_services->history)
        return m_services->history.get();
    HistoryStore *history = m_services->openHistory();
    m_ui->historyPanel->setStore(history);
    connect(history, &HistoryStore::stored, m_ui->responsePanel, &ResponsePanel::noteStored);
    connect(history, &HistoryStore::failed, this, [this](const QString &m) { showBanner(m); });
    const auto &db = history->database();
    if (!db.message.isEmpty())
        showBanner(db.message); // moved aside, or kept in memory only
    statusBar()->showMessage(db.inMemory ? tr("History in memory only")
                                         : tr("History: %1").arg(db.path));
    qCDebug(lcWindow) << "history open";
    return history;
}

MainWindow::~MainWindow() = default;

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
    QMenu *request = menuBar()->addMenu(tr("&Request"));
    request->addAction(tr("&Send"), this, &MainWindow::onSend)
        ->setShortcutVisibleInContextMenu(true);
    request->addAction(tr("&Retry with same idempotency key"), this,
                       [this] { onRetry(m_ui->responsePanel->record()); });
    request->addAction(
        tr("Copy request &ID"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this, [this] {
            Clipboard::copy(QString::fromLatin1(m_ui->responsePanel->record().requestId()));
        });
    request->addAction(tr("&Paste curl command…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V),
                       this, [this] { m_ui->requestPanel->pasteCurl(Clipboard::text()); });
    QMenu *history = menuBar()->addMenu(tr("Hi&story"));
    history->addAction(m_ui->historyPanel->compareAction());
    history->addAction(m_ui->historyPanel->pinAction());
    history->addAction(m_ui->historyPanel->unpinAction());
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Pi Console"), this, [this] {
        QMessageBox::about(
            this, tr("About Pi Console"),
            tr("<b>Pi Console %1</b><p>A native console for the Pi HTTP API. Keys live in "
               "the system keychain; every call is kept in the history with its request ID.</p>")
                .arg(QStringLiteral(PICONSOLE_VERSION)));
    });
}

void MainWindow::bringToFront(const QUrl &baseUrl)
{
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
    const QString current = m_services->session->currentProfile().id;
    m_ui->profileCombo->clear();
    for (const Profile &p : m_services->session->profiles()->profiles()) {
        m_ui->profileCombo->addItem(p.sessionOnly ? tr("%1 (this session)").arg(p.name) : p.name,
                                    p.id);
        m_ui->profileCombo->setItemData(m_ui->profileCombo->count() - 1, p.baseUrl.toString(),
                                        Qt::ToolTipRole);
    }
    m_ui->profileCombo->setCurrentIndex(std::max(0, m_ui->profileCombo->findData(current)));
    m_ui->requestPanel->setEnabled(m_ui->profileCombo->count() > 0);
    const bool sandboxComing = m_services->sandbox && m_services->sandbox->baseUrl().isEmpty();
    if (m_ui->profileCombo->count() == 0 && !sandboxComing)
        showBanner(tr("No profile yet. Add one for the Pi API, with its base URL and key."),
                   tr("Profiles…"), [this] { openProfiles(); });
}

void MainWindow::onProfileChosen(int index)
{
    m_services->session->setCurrentProfile(m_ui->profileCombo->itemData(index).toString());
}

void MainWindow::updateKeyStatus()
{
    const Profile p = m_services->session->currentProfile();
    if (!p.isValid()) {
        m_ui->keyStatusLabel->clear();
        return;
    }
    QPointer<MainWindow> self(this);
    const bool session = m_services->keys.hasSessionKey(p.id);
    m_services->keys.key(p.id, [self, p, session](const KeyVault::Result &r, const QString &key) {
        if (!self || self->m_services->session->currentProfile().id != p.id)
            return;
        self->m_ui->keyStatusLabel->setText(
            r.ok() ? tr("Key %1%2")
                         .arg(Redaction::maskKey(key), session ? tr(" (session)") : QString())
                   : tr("No key"));
        self->m_ui->keyStatusLabel->setToolTip(r.ok() ? QString() : r.message);
    });
}

void MainWindow::onSend()
{
    const ApiRequest request = m_ui->requestPanel->request();
    if (request.path.isEmpty())
        return;
    if (const QString why = m_ui->requestPanel->headerProblem(); !why.isEmpty()) {
        m_ui->requestPanel->setProgress(why);
        return;
    }
    const JsonText::Check check = m_ui->requestPanel->bodyCheck();
    if (!check.ok) {
        QMessageBox box(QMessageBox::Warning, tr("Invalid JSON"),
                        tr("The body is not valid JSON (line %1, column %2: %3). Send it anyway?")
                            .arg(check.line)
                            .arg(check.column)
                            .arg(check.message),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
        box.setDefaultButton(QMessageBox::Cancel);
        box.setTextFormat(Qt::PlainText);
        if (box.exec() != QMessageBox::Yes)
            return;
    }
    RateLimitTracker *tracker = m_services->session->currentTracker();
    if (tracker->exhausted()) {
        QMessageBox box(
            QMessageBox::Warning, tr("Rate limit reached"),
            tr("This key has no requests left in the current window: Pi will answer 429 "
               "Too Many Requests until it resets in %1.")
                .arg(RateLimitTracker::formatWait(tracker->msUntilReset())),
            QMessageBox::Cancel, this);
        QPushButton *atReset = box.addButton(tr("Send at reset"), QMessageBox::AcceptRole);
        QPushButton *now = box.addButton(tr("Send now"), QMessageBox::DestructiveRole);
        box.setObjectName(QStringLiteral("rateLimitWarning"));
        box.exec();
        if (box.clickedButton() == atReset) {
            const QString refused = m_services->session->sendAtReset(request);
            if (!refused.isEmpty())
                m_ui->requestPanel->setProgress(refused);
            else if (IdempotencyKeys::applies(request.method))
                m_ui->requestPanel->prepareNextKey(); // the queued send holds this key
            return;
        }
        if (box.clickedButton() != now)
            return;
    }
    send(request);
}

void MainWindow::send(const ApiRequest &request)
{
    qCDebug(lcWindow) << "send" << request.method << request.path;
    m_services->session->send(request);
    if (IdempotencyKeys::applies(request.method))
        m_ui->requestPanel->prepareNextKey();
}

void MainWindow::onRetry(const CallRecord &record)
{
    if (record.idempotencyKey.isEmpty())
        return;
    qCDebug(lcWindow) << "retry of call" << record.id << "with its idempotency key";
    // The same key means something only to the same account at the same place: the retry goes
    // to the profile the call went to, never to whichever is selected now.
    QString why;
    const Profile target = RetryPlan::profileFor(record, m_services->profiles.profiles(), &why);
    if (!target.isValid()) {
        showBanner(why);
        return;
    }
    const ApiRequest original = RetryPlan::requestFor(record, target.baseUrl);
    const ApiRequest composed = m_ui->requestPanel->request();
    const bool sameCall = composed.method == original.method && composed.path == original.path;
    if (sameCall && RetryPlan::bodyDiffers(record, composed.body)) {
        QMessageBox box(
            QMessageBox::Warning, tr("The body was edited"),
            tr("The body in the composer differs from the bytes sent with idempotency key %1. "
               "Pi answers 409 idempotency_key_mismatch when the same key comes with another "
               "body.")
                .arg(QString::fromLatin1(record.idempotencyKey)),
            QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("editedBodyWarning"));
        box.setTextFormat(Qt::PlainText);
        QPushButton *sendOriginal = box.addButton(tr("Send the original"), QMessageBox::AcceptRole);
        QPushButton *newKey = box.addButton(tr("Use a new key"), QMessageBox::ActionRole);
        QPushButton *showDifferences = box.addButton(tr("Show differences"), QMessageBox::HelpRole);
        sendOriginal->setObjectName(QStringLiteral("sendOriginalButton"));
        newKey->setObjectName(QStringLiteral("useNewKeyButton"));
        showDifferences->setObjectName(QStringLiteral("showDifferencesButton"));
        // "Show differences" opens the comparison of the recorded bytes with the composer's,
        // then asks again.
        for (box.exec(); box.clickedButton() == showDifferences; box.exec()) {
            CallRecord edited = record;
            edited.id = 0;
            edited.requestBody = composed.body;
            CallComparisonDialog comparison(record, edited, this);
            comparison.showPage(CallComparisonDialog::Page::RequestBody);
            comparison.exec();
        }
        if (box.clickedButton() == newKey) {
            ApiRequest fresh = composed;
            fresh.idempotencyKey = IdempotencyKeys::newUuid();
            send(fresh);
            return;
        }
        if (box.clickedButton() != sendOriginal)
            return;
    }
    m_services->session->sendTo(target, original);
}

CallRecord MainWindow::findOriginal(const CallRecord &record) const
{
    if (record.idempotencyKey.isEmpty())
        return {};
    // The call Pi stored under this key: the first one it processed (a 2xx, not a replay),
    // earlier than this one, made with the same API key at the same place. A 5xx or a dropped
    // first attempt was never stored, and Pi keys its store by API key, not by profile.
    if (!m_ui->historyPanel->model())
        return {}; // the history is not open yet, so this call's first attempt is not in it
    const HistoryQuery &query = m_ui->historyPanel->model()->query();
    const qint64 startedMs = record.startedUtc.toMSecsSinceEpoch();
    const auto origin = [](const QUrl &url) {
        return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery);
    };
    for (const HistoryRow &row : query.chain(record.idempotencyKey)) {
        const bool processed = row.outcome == int(CallRecord::Outcome::Completed) &&
                               row.status >= 200 && row.status < 300 && !row.replayed;
        if (row.id == record.id || row.startedMs >= startedMs || !processed)
            continue;
        const CallRecord candidate = query.load(row.id);
        const bool sameProfile =
            !record.profileId.isEmpty() && candidate.profileId == record.profileId;
        const bool sameKey = !record.keyMask.isEmpty() && candidate.keyMask == record.keyMask &&
                             origin(candidate.url) == origin(record.url);
        if (candidate.id && (sameProfile || sameKey))
            return candidate;
    }
    return {};
}

void MainWindow::compareWithOriginal(const CallRecord &record)
{
    const CallRecord original = findOriginal(record);
    if (!original.id) {
        showBanner(tr("The first call with idempotency key %1 is not in the history (it was "
                      "pruned, cleared, or made from another tool), so there is nothing to "
                      "compare with.")
                       .arg(QString::fromLatin1(record.idempotencyKey)));
        return;
    }
    openComparison(original, record, true);
}

void MainWindow::openComparison(const CallRecord &a, const CallRecord &b, bool requestBody)
{
    qCDebug(lcWindow) << "compare calls" << a.id << "and" << b.id;
    auto *dialog = new CallComparisonDialog(a, b, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->showPage(requestBody ? CallComparisonDialog::Page::RequestBody
                                 : CallComparisonDialog::Page::ResponseBody);
    dialog->show();
}

void MainWindow::onSummaryAction(FailureSummary::Action action, const CallRecord &record)
{
    switch (action) {
    case FailureSummary::Action::None:
    case FailureSummary::Action::Compare:
        break;
    case FailureSummary::Action::TestKey:
    case FailureSummary::Action::Profiles:
        openProfiles();
        break;
    case FailureSummary::Action::SendAtReset: {
        // The queue waits for the current profile's window: it must be the call's own.
        const Profile current = m_services->session->currentProfile();
        if (record.profileId != current.id) {
            showBanner(tr("This 429 came from the profile \"%1\", not the one selected now: "
                          "select it to send the call at its reset.")
                           .arg(record.profile));
            break;
        }
        // A 429 was not processed: the same idempotency key may go again.
        const ApiRequest request = RetryPlan::requestFor(record, current.baseUrl);
        if (const QString refused = m_services->session->sendAtReset(request); !refused.isEmpty())
            m_ui->requestPanel->setProgress(refused);
        break;
    }
    case FailureSummary::Action::Retry: {
        if (!record.idempotencyKey.isEmpty()) {
            onRetry(record);
            break;
        }
        QString why;
        const Profile target = RetryPlan::profileFor(record, m_services->profiles.profiles(), &why);
        if (!target.isValid()) {
            showBanner(why);
            break;
        }
        m_services->session->sendTo(target, RetryPlan::requestFor(record, target.baseUrl));
        break;
    }
    }
}

void MainWindow::onCallStarted(PendingCall *call)
{
    openHistory(); // before the call can finish, so that it is recorded
    m_inFlight.append(call);
    if (m_inFlight.size() == 1) {
        m_since.start();
        m_received = 0;
        m_progressTimer.start();
    }
    connect(call, &PendingCall::downloadProgress, this,
            [this](qint64 received, qint64) { m_received = received; });
    m_ui->requestPanel->setInFlight(int(m_inFlight.size()));
    updateProgress();
}

void MainWindow::onCallFinished(const CallRecord &record)
{
    m_inFlight.removeIf([](const QPointer<PendingCall> &c) { return !c || c->isFinished(); });
    m_ui->requestPanel->setInFlight(int(m_inFlight.size()));
    if (m_inFlight.isEmpty())
        m_progressTimer.stop();
    // Calls may finish out of order (a large answer is completed on a worker): the panel
    // shows the newest call sent, not whichever finished last. The history has them all.
    if (m_newestShown.isValid() && record.startedUtc < m_newestShown)
        return;
    m_newestShown = record.startedUtc;
    m_ui->responsePanel->showCall(record);
}

void MainWindow::updateProgress()
{
    if (m_inFlight.isEmpty())
        return;
    const QString text =
        tr("%n call(s) in flight · %1 s · %2 received", nullptr, int(m_inFlight.size()))
            .arg(double(m_since.elapsed()) / 1000.0, 0, 'f', 1)
            .arg(QLocale().formattedDataSize(m_received));
    m_ui->requestPanel->setProgress(text);
    m_ui->responsePanel->showInFlight(text);
}

void MainWindow::showBanner(const QString &text, const QString &actionText,
                            std::function<void()> action)
{
    qCDebug(lcWindow) << "banner:" << text;
    m_ui->bannerText->setText(text);
    m_ui->bannerAction->setText(actionText);
    m_ui->bannerAction->setVisible(!actionText.isEmpty());
    m_bannerAction = std::move(action);
    m_ui->banner->show();
}

void MainWindow::askForSessionKey()
{
    const Profile p = m_services->session->currentProfile();
    bool ok = false;
    const QString key = QInputDialog::getText(
        this, tr("Key for this session"),
        tr("API key for %1, kept in memory until Pi Console quits:").arg(p.name),
        QLineEdit::Password, QString(), &ok);
    if (ok && !key.trimmed().isEmpty()) {
        m_services->keys.setSessionKey(p.id, key.trimmed());
        updateKeyStatus();
    }
}

void MainWindow::openProfiles()
{
    ProfilesDialog dialog(m_services->session.get(), &m_services->client, this);
    dialog.exec();
    reloadProfiles();
    updateKeyStatus();
}

void MainWindow::openPreferences()
{
    PreferencesDialog dialog(Preferences::load(m_services->settings), openHistory(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Preferences chosen = dialog.preferences();
    chosen.save(m_services->settings);
    m_services->apply(chosen);
    qCDebug(lcWindow) << "preferences applied";
}

void MainWindow::restoreState()
{
    const QSettings &s = m_services->settings;
    restoreGeometry(savedGeometry.get(s));
    QMainWindow::restoreState(savedWindowState.get(s));
    m_ui->verticalSplitter->restoreState(verticalSplit.get(s));
    m_ui->horizontalSplitter->restoreState(horizontalSplit.get(s));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings &s = m_services->settings;
    savedGeometry.set(s, saveGeometry());
    savedWindowState.set(s, saveState());
    verticalSplit.set(s, m_ui->verticalSplitter->saveState());
    horizontalSplit.set(s, m_ui->horizontalSplitter->saveState());
    event->accept();
}
