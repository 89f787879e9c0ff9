#include "app/window/helpdialogs.h"

#include "common/version.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace HelpDialogs {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("HelpDialogs", text);
}

QString keys(const QKeySequence &sequence)
{
    return sequence.toString(QKeySequence::NativeText);
}

void showText(QWidget *parent, const QString &title, const QString &objectName, const QString &text)
{
    QDialog dialog(parent);
    dialog.setObjectName(objectName);
    dialog.setWindowTitle(title);
    auto *view = new QPlainTextEdit(text, &dialog);
    view->setReadOnly(true);
    view->setAccessibleName(title);
    view->setObjectName(QStringLiteral("helpText"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(view);
    layout->addWidget(buttons);
    dialog.resize(560, 420);
    dialog.exec();
}

} // namespace

void keyboardShortcuts(QWidget *parent)
{
    const QList<std::pair<QString, QString>> rows{
        {keys(QKeySequence(Qt::CTRL | Qt::Key_Return)), tr("Send the request")},
        {keys(QKeySequence(Qt::Key_Escape)), tr("Cancel the calls in flight and those queued")},
        {keys(QKeySequence(Qt::CTRL | Qt::Key_L)), tr("Go to the path")},
        {keys(QKeySequence::Find), tr("Find in the response body")},
        {keys(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)), tr("Copy the request ID")},
        {keys(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V)), tr("Paste a curl command")},
        {keys(QKeySequence(Qt::CTRL | Qt::Key_D)), tr("Compare the two calls selected")},
        {keys(QKeySequence(Qt::CTRL | Qt::Key_Comma)), tr("Preferences")},
        {keys(QKeySequence::Quit), tr("Quit")},
        {tr("Tab, Shift+Tab"), tr("Move between the fields, the body editor included")},
        {tr("Enter, double-click"), tr("In the history: open the call in the composer")},
    };
    QString text;
    for (const auto &[key, what] : rows)
        text += key.leftJustified(22) + what + QLatin1Char('\n');
    showText(parent, tr("Keyboard shortcuts"), QStringLiteral("keyboardShortcutsDialog"), text);
}

void filterLanguage(QWidget *parent)
{
    showText(parent, tr("Filter language"), QStringLiteral("filterLanguageDialog"),
             tr("Type in the History filter; terms combine (all must match).\n\n"
                "req_pi_…             a request ID, or its start: jumps to the call\n"
                "words                in paths and error messages\n"
                "status:4xx           a status class, or status:429\n"
                "code:invalid_api_key an error code\n"
                "method:POST          a method\n"
                "key:<key>            the calls that share an idempotency key\n"
                "since:2h             newer than (m, h, d), or since:2026-11-26T10:00Z\n"
                "until:2026-11-26     older than\n"
                "pinned:              pinned calls; pinned:refund those named so\n\n"
                "A since: or until: that is not a time is searched for as a word."));
}

void about(QWidget *parent)
{
    QMessageBox::about(
        parent, tr("About Pi Console"),
        tr("<b>Pi Console %1</b><p>A native console for the Pi HTTP API. Keys live in the system "
           "keychain; every call is kept in the history with its request ID.</p>")
            .arg(QStringLiteral(PICONSOLE_VERSION)));
}

void addMenu(QMenuBar *bar, QWidget *parent)
{
    QMenu *help = bar->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), parent, [parent] { keyboardShortcuts(parent); })
        ->setObjectName(QStringLiteral("keyboardShortcutsAction"));
    help->addAction(tr("&Filter language"), parent, [parent] { filterLanguage(parent); })
        ->setObjectName(QStringLiteral("filterLanguageAction"));
    help->addSeparator();
    help->addAction(tr("&About Pi Console"), parent, [parent] { about(parent); });
}

} // namespace HelpDialogs
