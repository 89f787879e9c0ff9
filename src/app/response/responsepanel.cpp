#include "app/response/responsepanel.h"

#include "app/common/backgroundrelease.h"
#include "app/common/clipboard.h"
#include "app/common/colors.h"
#include "app/common/copyfeedback.h"
#include "app/common/spoken.h"
#include "common/http/reasonphrase.h"
#include "core/base/readable.h"
#include "core/curl/curlexport.h"
#include "core/report/supportreport.h"
#include "ui_responsepanel.h"

#include <QLocale>

#include <utility>

ResponsePanel::ResponsePanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ResponsePanel>())
{
    m_ui->setupUi(this);
    m_ui->bodyView->setAccessibleName(tr("Response body"));
    QFont strong = m_ui->summaryLabel->font();
    strong.setBold(true);
    m_ui->summaryLabel->setFont(strong);
    connect(m_ui->copyRequestIdButton, &QToolButton::clicked, this, &ResponsePanel::copyRequestId);
    connect(m_ui->copySupportButton, &QPushButton::clicked, this,
            &ResponsePanel::copySupportDetails);
    connect(m_ui->copyCurlButton, &QPushButton::clicked, this, &ResponsePanel::copyCurl);
    connect(m_ui->foldErrorButton, &QToolButton::toggled, this, [this](bool folded) {
        m_ui->errorCard->setVisible(!folded && m_record.isError());
        m_ui->foldErrorButton->setText(folded ? tr("Show details") : tr("Hide details"));
    });
    connect(m_ui->retryButton, &QPushButton::clicked, this,
            [this] { Q_EMIT retryRequested(m_record); });
    connect(m_ui->replayBadge, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(QLatin1String("compare:"))) {
            Q_EMIT compareWithOriginalRequested(m_record);
            return;
        }
        Q_EMIT openOriginalRequested(
            QByteArray::fromPercentEncoding(link.section(QLatin1Char(':'), 1).toLatin1()));
    });
    connect(m_ui->compareOriginalButton, &QPushButton::clicked, this,
            [this] { Q_EMIT compareWithOriginalRequested(m_record); });
    connect(m_ui->summaryActionButton, &QPushButton::clicked, this, [this] {
        if (m_summary.action == FailureSummary::Action::Compare)
            Q_EMIT compareWithOriginalRequested(m_record);
        else
            Q_EMIT summaryActionRequested(m_summary.action, m_record);
    });
    m_ui->copyRequestIdButton->setEnabled(false);
}

ResponsePanel::~ResponsePanel() = default;

void ResponsePanel::setOriginalFinder(std::function<CallRecord(const CallRecord &)> finder)
{
    m_findOriginal = std::move(finder);
}

void ResponsePanel::showInFlight(const QString &text)
{
    m_ui->timingLabel->setText(text);
}

void ResponsePanel::showCall(const CallRecord &r)
{
    const qsizetype before = m_record.responseBody.size() + m_record.requestBody.size();
    BackgroundRelease::drop(std::exchange(m_record, r), before);
    const bool completed = r.outcome == CallRecord::Outcome::Completed;
    // The whole message: the field shows what fits, the tooltip and screen readers get all.
    const QString status = completed ? QString::number(r.status) + QLatin1Char(' ') +
                                           QString::fromLatin1(Http::reasonPhrase(r.status))
                                     : r.errorText;
    m_ui->statusEdit->setText(status);
    m_ui->statusEdit->setCursorPosition(0);
    m_ui->statusEdit->setToolTip(QStringLiteral("<p style='white-space:pre-wrap'>%1</p>")
                                     .arg(status.toHtmlEscaped())); // shown as the plain text
    // A response arriving is announced, even one with the same status as the last.
    Spoken::announce(m_ui->statusEdit, status);
    colourStatus();

    m_ui->timingLabel->setText(tr("%1 ms · %2")
                                   .arg(std::max<qint64>(0, r.timing.doneMs))
                                   .arg(Readable::size(r.responseBody.size())));
    m_ui->timingView->setTiming(r.timing, r.proxy);
    m_ui->timingLabel->setToolTip(m_ui->timingView->text());
    const QString requestId = QString::fromLatin1(r.requestId());
    m_ui->requestIdEdit->setText(requestId);
    m_ui->requestIdEdit->setCursorPosition(0);
    m_ui->copyRequestIdButton->setEnabled(!requestId.isEmpty());

    if (r.replayed) {
        const QString text = tr("⟲ Replayed: <a href=\"original:%1\">show the original call</a> · "
                                "<a href=\"compare:%1\">compare with it</a>")
                                 .arg(QString::fromLatin1(r.idempotencyKey.toPercentEncoding()));
        m_ui->replayBadge->setText(text);
        m_ui->replayBadge->setToolTip(
            tr("Pi answered with the stored response of the first call with this "
               "idempotency key; nothing new was created or billed."));
    }
    m_ui->replayBadge->setVisible(r.replayed);

    showSummary(r);
    showError(r);
    QStringList notes = r.contractProblems + r.notes;
    // The error card already says the body is not an envelope.
    notes.removeIf(
        [](const QString &n) { return n.startsWith(QLatin1String("Not a Pi error envelope")); });
    m_ui->problemsLabel->setText(notes.join(QLatin1Char('\n')));
    m_ui->problemsLabel->setVisible(!notes.isEmpty());

    QString headers;
    for (const auto &h : r.responseHeaders) {
        headers +=
            QString::fromLatin1(h.first) + QStringLiteral(": ") + QString::fromUtf8(h.second);
        // The reset is a Unix time: the date beside it, marked as ours, not the server's.
        if (h.first.compare("X-RateLimit-Reset", Qt::CaseInsensitive) == 0) {
            const QString when = Readable::unixTime(h.second.trimmed().toLongLong());
            if (!when.isEmpty())
                headers += tr("    (%1)").arg(when);
        }
        headers += QLatin1Char('\n');
    }
    m_ui->headersView->setPlainText(headers);
    m_ui->bodyView->setBody(r.responseBody);
    if (r.responseTruncated)
        m_ui->problemsLabel->setText(m_ui->problemsLabel->text() +
                                     tr("\nThe history keeps only the start of this body."));

    m_ui->retryButton->setEnabled(!r.idempotencyKey.isEmpty());
    m_ui->copySupportButton->setEnabled(true);
    m_ui->copyCurlButton->setEnabled(true);
}

void ResponsePanel::showError(const CallRecord &r)
{
    const bool show = r.isError();
    // Folded, the card stays folded from one error to the next: the summary says it all.
    m_ui->errorCard->setVisible(show && !m_ui->foldErrorButton->isChecked());
    m_ui->foldErrorButton->setVisible(show);
    if (!show)
        return;
    const bool envelope = r.outcome == CallRecord::Outcome::Completed && r.envelope.isEnvelope();
    const bool failed = r.outcome != CallRecord::Outcome::Completed;
    for (QWidget *w : {static_cast<QWidget *>(m_ui->errorCodeLabel),
                       static_cast<QWidget *>(m_ui->errorCodeEdit)})
        w->setVisible(envelope);
    for (QWidget *w : {static_cast<QWidget *>(m_ui->errorMessageLabel),
                       static_cast<QWidget *>(m_ui->errorMessageEdit)})
        w->setVisible(envelope || failed);
    if (r.outcome != CallRecord::Outcome::Completed) {
        m_ui->errorTitle->setText(tr("The call did not complete."));
        m_ui->errorCodeEdit->clear();
        m_ui->errorMessageEdit->setText(r.errorText);
        Spoken::setText(m_ui->errorHint, r.outcome == CallRecord::Outcome::Refused
                                             ? tr("Nothing was sent.")
                                             : tr("No answer from Pi was kept for this call."));
    } else if (r.envelope.isEnvelope()) {
        m_ui->errorTitle->setText(
            tr("Pi error (%1)").arg(r.envelope.type.isEmpty() ? tr("no type") : r.envelope.type));
        m_ui->errorCodeEdit->setText(r.envelope.code);
        m_ui->errorMessageEdit->setText(r.envelope.message);
        Spoken::setText(m_ui->errorHint, ErrorEnvelope::hintFor(r.envelope.code));
    } else {
        m_ui->errorTitle->setText(tr("⚠ Not a Pi error envelope: %1. The body is shown raw below.")
                                      .arg(r.envelope.problems.join(QStringLiteral("; "))));
        m_ui->errorCodeEdit->clear();
        m_ui->errorMessageEdit->clear();
        Spoken::setText(m_ui->errorHint,
                        tr("Something between you and Pi (a proxy or gateway) may have answered."));
    }
    m_ui->errorMessageEdit->setCursorPosition(0);
}

void ResponsePanel::showSummary(const CallRecord &r)
{
    const bool mismatch = r.status == 409 && r.envelope.isEnvelope() &&
                          r.envelope.code == QLatin1String("idempotency_key_mismatch");
    const CallRecord original = mismatch && m_findOriginal ? m_findOriginal(r) : CallRecord();
    m_summary = FailureSummary::of(r, original);
    m_ui->summaryBar->setVisible(!m_summary.text.isEmpty());
    Spoken::setText(m_ui->summaryLabel, m_summary.text);
    m_ui->summaryActionButton->setText(m_summary.actionText);
    m_ui->summaryActionButton->setVisible(m_summary.action != FailureSummary::Action::None);
    m_ui->compareOriginalButton->setVisible(mismatch);
}

void ResponsePanel::noteStored(const CallRecord &stored)
{
    if (m_record.id == 0 && stored.startedUtc == m_record.startedUtc &&
        stored.requestId() == m_record.requestId())
        m_record.id = stored.id;
}

void ResponsePanel::copyRequestId()
{
    // Nothing to copy leaves the clipboard as it was, and says so.
    if (m_record.requestId().isEmpty()) {
        CopyFeedback::refuse(m_ui->requestIdEdit, tr("No request ID to copy"));
        return;
    }
    Clipboard::copy(QString::fromLatin1(m_record.requestId()));
    CopyFeedback::show(m_ui->copyRequestIdButton);
}

void ResponsePanel::focusFind()
{
    m_ui->tabs->setCurrentWidget(m_ui->bodyTab);
    m_ui->bodyView->focusFind();
}

void ResponsePanel::copySupportDetails()
{
    Clipboard::copy(SupportReport::forRecord(m_record));
    CopyFeedback::show(m_ui->copySupportButton);
}

void ResponsePanel::copyCurl()
{
    Clipboard::copy(CurlExport::fromRecord(m_record));
    CopyFeedback::show(m_ui->copyCurlButton);
}

void ResponsePanel::colourStatus()
{
    QPalette pal = m_ui->statusEdit->palette();
    pal.setColor(
        QPalette::Text,
        Colors::of(m_record.isError() ? Colors::Role::Error : Colors::Role::Success, palette()));
    m_ui->statusEdit->setPalette(pal);
}

void ResponsePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        colourStatus(); // the shade for the new palette, light or dark
    QWidget::changeEvent(event);
}
