#include "support/guidriver.h"

#include "app/common/translations.h"

#include "support/privatesession.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QTableWidget>

GuiDriver::GuiDriver(QStringList sandboxArguments, const Clock *clock)
    : m_sandbox(std::move(sandboxArguments))
    , m_clock(clock)
{}

GuiDriver::~GuiDriver()
{
    m_window.reset();
    m_services.reset();
}

bool GuiDriver::start()
{
    // As main() does: the window's own words, plurals included.
    static const bool translated = [] {
        Translations::install(QCoreApplication::instance());
        return true;
    }();
    Q_UNUSED(translated);
    // The window's services open the keychain and write settings and history: only in the
    // private session, never in the developer's own.
    m_error = PrivateSession::problem();
    if (!m_error.isEmpty())
        return false;
    if (!m_sandbox.start()) {
        m_error = m_sandbox.errorText();
        return false;
    }
    AppServices::Options options;
    options.startSandbox = false;
    options.keychainService = QStringLiteral("Pi Console GUI test");
    options.clock = m_clock;
    m_services = std::make_unique<AppServices>(options);
    const Profile sandbox = m_services->session()->profiles()->upsert(
        {QString(), QStringLiteral("Sandbox"), m_sandbox.baseUrl(), true});
    m_services->session()->keys()->setSessionKey(sandbox.id, SandboxProcess::demoKey());
    m_services->session()->setCurrentProfile(sandbox.id);
    m_window = std::make_unique<MainWindow>(m_services.get());
    if (!m_keepFirstSize)
        m_window->resize(1280, 820);
    m_window->show();
    // The window opens the history once its first frame is on screen.
    return QTest::qWaitForWindowExposed(m_window.get()) &&
           QTest::qWaitFor([this] { return m_services->history() != nullptr; });
}

void GuiDriver::compose(const QByteArray &method, const QString &path, const QString &body)
{
    auto *methodCombo = find<QComboBox>(QStringLiteral("methodCombo"));
    methodCombo->setCurrentText(QString::fromLatin1(method));
    auto *pathEdit = find<QLineEdit>(QStringLiteral("pathEdit"));
    pathEdit->selectAll();
    QTest::keyClicks(pathEdit, path);
    auto *bodyEdit = find<QPlainTextEdit>(QStringLiteral("bodyEdit"));
    bodyEdit->clear();
    if (!body.isEmpty())
        bodyEdit->setPlainText(body);
}

void GuiDriver::setFault(const QString &spec)
{
    auto *headers = find<QTableWidget>(QStringLiteral("headersTable"));
    headers->setRowCount(spec.isEmpty() ? 0 : 1);
    if (spec.isEmpty())
        return;
    headers->setItem(0, 0, new QTableWidgetItem(QStringLiteral("Pi-Sandbox-Fault")));
    headers->setItem(0, 1, new QTableWidgetItem(spec));
}

bool GuiDriver::clickAndWaitForCall(QAbstractButton *button, int timeoutMs)
{
    QSignalSpy finished(m_services->session(), &Session::callFinished);
    QTest::mouseClick(button, Qt::LeftButton);
    return finished.count() > 0 || finished.wait(timeoutMs);
}

bool GuiDriver::sendAndWait(int timeoutMs)
{
    return clickAndWaitForCall(find<QPushButton>(QStringLiteral("sendButton")), timeoutMs);
}

QString GuiDriver::text(const QString &lineEditName) const
{
    const auto *edit = find<QLineEdit>(lineEditName);
    return edit ? edit->text() : QString();
}
