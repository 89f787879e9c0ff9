#include "app/compare/callcomparisondialog.h"

#include "app/common/clipboard.h"
#include "app/common/copyfeedback.h"
#include "ui_callcomparisondialog.h"

#include <QHeaderView>
#include <QThread>

#include <memory>

CallComparisonDialog::CallComparisonDialog(const CallRecord &a, const CallRecord &b,
                                           QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::CallComparisonDialog>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("callComparison"));
    setWindowTitle(tr("Compare calls: A %1 · B %2").arg(CallDiff::title(a), CallDiff::title(b)));
    m_ui->fieldsTable->horizontalHeaderItem(2)->setText(tr("A: %1").arg(CallDiff::title(a)));
    m_ui->fieldsTable->horizontalHeaderItem(3)->setText(tr("B: %1").arg(CallDiff::title(b)));
    m_ui->progressLabel->setText(tr("Comparing…"));
    m_ui->requestBodyView->clear(tr("Comparing…"));
    m_ui->responseBodyView->clear(tr("Comparing…"));
    connect(m_ui->copyTextButton, &QPushButton::clicked, this, [this] {
        Clipboard::copy(m_diff.toText());
        CopyFeedback::show(m_ui->copyTextButton);
    });

    // On a worker: a large body is compared without holding the window. The result comes
    // back through the thread's finished(), which Qt drops if this dialog is gone by then.
    auto result = std::make_shared<CallDiff>();
    auto outOfMemory = std::make_shared<bool>(false);
    QThread *worker = QThread::create([a, b, result, outOfMemory, cancel = m_cancel] {
        try {
            *result = CallDiff::compare(a, b, BodyDiff::defaultCap, cancel.get());
        } catch (const std::bad_alloc &) {
            *result = {};
            *outOfMemory = true;
        }
    });
    worker->setObjectName(QStringLiteral("call comparison"));
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &QThread::finished, this, [this, result, outOfMemory] {
        if (*outOfMemory) {
            m_ui->progressLabel->setText(tr("These calls are too large to compare here."));
            m_ui->requestBodyView->clear(m_ui->progressLabel->text());
            m_ui->responseBodyView->clear(m_ui->progressLabel->text());
            return;
        }
        showDiff(*result);
    });
    worker->start(QThread::LowPriority);
}

CallComparisonDialog::~CallComparisonDialog()
{
    m_cancel->store(true);
}

void CallComparisonDialog::showPage(Page page)
{
    switch (page) {
    case Page::RequestBody:
        m_ui->tabs->setCurrentWidget(m_ui->requestBodyView);
        break;
    case Page::ResponseBody:
        m_ui->tabs->setCurrentWidget(m_ui->responseBodyView);
        break;
    case Page::Headers:
        m_ui->tabs->setCurrentWidget(m_ui->headersTab);
        break;
    }
}

void CallComparisonDialog::showDiff(const CallDiff &diff)
{
    m_diff = diff;
    fillFields();
    m_ui->requestBodyView->setDiff(diff.requestBody);
    m_ui->responseBodyView->setDiff(diff.responseBody);
    const auto tabTitle = [](const QString &name, const BodyDiff &d) {
        return d.identical() ? name : tr("%1 (%2)").arg(name).arg(d.differences.size());
    };
    m_ui->tabs->setTabText(m_ui->tabs->indexOf(m_ui->requestBodyView),
                           tabTitle(tr("Re&quest body"), diff.requestBody));
    m_ui->tabs->setTabText(m_ui->tabs->indexOf(m_ui->responseBodyView),
                           tabTitle(tr("Res&ponse body"), diff.responseBody));

    QStringList lines;
    const auto list = [&lines](const QString &title, const QList<CallDiff::HeaderChange> &changes) {
        lines.append(title);
        if (changes.isEmpty())
            lines.append(tr("  the same"));
        for (const CallDiff::HeaderChange &c : changes) {
            switch (c.kind) {
            case CallDiff::HeaderChange::Kind::Added:
                lines.append(tr("  added in B    %1: %2").arg(c.name, c.b));
                break;
            case CallDiff::HeaderChange::Kind::Removed:
                lines.append(tr("  only in A     %1: %2").arg(c.name, c.a));
                break;
            case CallDiff::HeaderChange::Kind::Changed:
                lines.append(tr("  changed       %1: %2  →  %3").arg(c.name, c.a, c.b));
                break;
            }
        }
        lines.append(QString());
    };
    list(tr("Request headers"), diff.requestHeaders);
    list(tr("Response headers"), diff.responseHeaders);
    m_ui->headersView->setPlainText(lines.join(QLatin1Char('\n')));

    int differing = 0;
    for (const CallDiff::Field &f : diff.fields)
        differing += f.differs() ? 1 : 0;
    m_ui->progressLabel->setText(
        tr("%n field(s) differ", nullptr, differing) + QStringLiteral(" · ") +
        (diff.requestBody.identical() ? tr("same request body") : tr("request bodies differ")) +
        QStringLiteral(" · ") +
        (diff.responseBody.identical() ? tr("same response body") : tr("response bodies differ")));
    m_ui->copyTextButton->setEnabled(true);
    m_ready = true;
    Q_EMIT ready();
}

void CallComparisonDialog::fillFields()
{
    QTableWidget *table = m_ui->fieldsTable;
    table->setRowCount(int(m_diff.fields.size()));
    for (int row = 0; row < m_diff.fields.size(); ++row) {
        const CallDiff::Field &f = m_diff.fields.at(row);
        const QStringList cells{f.differs() ? QStringLiteral("≠") : QString(), f.name, f.a, f.b};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(QStringLiteral("<p style='white-space:pre-wrap'>%1</p>")
                                 .arg(cells.at(column).toHtmlEscaped()));
            if (f.differs()) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            table->setItem(row, column, item);
        }
    }
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Interactive);
    table->setColumnWidth(2, std::max(200, (table->viewport()->width() - 160) / 2));
    table->resizeRowsToContents();
}
