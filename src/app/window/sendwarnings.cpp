#include "app/window/sendwarnings.h"

#include "app/compare/callcomparisondialog.h"
#include "core/ratelimit/ratelimittracker.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

namespace SendWarnings {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("MainWindow", text);
}

} // namespace

bool confirmInvalidJson(QWidget *parent, const JsonText::Check &check)
{
    QMessageBox box(QMessageBox::Warning, tr("Invalid JSON"),
                    tr("The body is not valid JSON (line %1, column %2: %3). Send it anyway?")
                        .arg(check.line)
                        .arg(check.column)
                        .arg(check.message),
                    QMessageBox::Cancel, parent);
    QPushButton *send = box.addButton(tr("Send anyway"), QMessageBox::AcceptRole);
    send->setObjectName(QStringLiteral("sendAnywayButton"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.setTextFormat(Qt::PlainText);
    box.exec();
    return box.clickedButton() == send;
}

RateLimitChoice rateLimitReached(QWidget *parent, qint64 waitMs)
{
    QMessageBox box(QMessageBox::Warning, tr("Rate limit reached"),
                    tr("This key has no requests left in the current window: Pi will answer 429 "
                       "Too Many Requests until it resets in %1.")
                        .arg(RateLimitTracker::formatWait(waitMs)),
                    QMessageBox::Cancel, parent);
    QPushButton *atReset = box.addButton(tr("Send at reset"), QMessageBox::AcceptRole);
    QPushButton *now = box.addButton(tr("Send now"), QMessageBox::DestructiveRole);
    box.setObjectName(QStringLiteral("rateLimitWarning"));
    atReset->setObjectName(QStringLiteral("sendAtResetButton"));
    now->setObjectName(QStringLiteral("sendNowButton"));
    // Enter (or the Ctrl+Return that opened it, held a moment too long) spends nothing.
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == atReset)
        return RateLimitChoice::SendAtReset;
    if (box.clickedButton() == now)
        return RateLimitChoice::SendNow;
    return RateLimitChoice::Cancel;
}

EditedBodyChoice editedBody(QWidget *parent, const CallRecord &record,
                            const QByteArray &composedBody)
{
    QMessageBox box(
        QMessageBox::Warning, tr("The body was edited"),
        tr("The body in the composer differs from the bytes sent with idempotency key %1. "
           "Pi answers 409 idempotency_key_mismatch when the same key comes with another "
           "body.")
            .arg(QString::fromLatin1(record.idempotencyKey)),
        QMessageBox::Cancel, parent);
    box.setObjectName(QStringLiteral("editedBodyWarning"));
    box.setTextFormat(Qt::PlainText);
    box.setDefaultButton(QMessageBox::Cancel);
    QPushButton *sendOriginal = box.addButton(tr("Send the original"), QMessageBox::AcceptRole);
    QPushButton *newKey = box.addButton(tr("Use a new key"), QMessageBox::ActionRole);
    QPushButton *showDifferences = box.addButton(tr("Show differences"), QMessageBox::HelpRole);
    sendOriginal->setObjectName(QStringLiteral("sendOriginalButton"));
    newKey->setObjectName(QStringLiteral("useNewKeyButton"));
    showDifferences->setObjectName(QStringLiteral("showDifferencesButton"));
    for (box.exec(); box.clickedButton() == showDifferences; box.exec()) {
        // What the composer would send: the call's request with the edited body, and no
        // answer, no request ID, no replay of its own.
        CallRecord edited;
        edited.method = record.method;
        edited.url = record.url;
        edited.profile = record.profile;
        edited.profileId = record.profileId;
        edited.requestHeaders = record.requestHeaders;
        edited.idempotencyKey = record.idempotencyKey;
        edited.requestBody = composedBody;
        CallComparisonDialog comparison(record, edited, parent);
        comparison.showPage(CallComparisonDialog::Page::RequestBody);
        comparison.exec();
    }
    if (box.clickedButton() == newKey)
        return EditedBodyChoice::UseNewKey;
    if (box.clickedButton() == sendOriginal)
        return EditedBodyChoice::SendOriginal;
    return EditedBodyChoice::Cancel;
}

} // namespace SendWarnings
