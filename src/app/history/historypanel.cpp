#include "app/history/historypanel.h"

#include "app/common/afterfirstpaint.h"
#include "app/common/clipboard.h"
#include "app/common/copyfeedback.h"
#include "core/curl/curlexport.h"
#include "core/history/historyexport.h"
#include "core/history/historymodel.h"
#include "core/history/historystore.h"
#include "core/report/supportreport.h"
#include "core/secrets/redaction.h"
#include "ui_historypanel.h"

#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QSaveFile>
#include <QThreadPool>

HistoryPanel::HistoryPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::HistoryPanel>())
    , m_compareAction(new QAction(tr("&Compare"), this))
    , m_pinAction(new QAction(tr("&Pin…"), this))
    , m_unpinAction(new QAction(tr("&Unpin"), this))
{
    m_ui->setupUi(this);
    AfterFirstPaint::run(this, [this] { m_ui->filterEdit->setClearButtonEnabled(true); });
    m_compareAction->setObjectName(QStringLiteral("compareAction"));
    m_compareAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_compareAction->setShortcutContext(Qt::WindowShortcut);
    m_compareAction->setShortcutVisibleInContextMenu(true);
    m_compareAction->setToolTip(tr("Compare the two selected calls (Ctrl+click selects two)"));
    m_pinAction->setObjectName(QStringLiteral("pinAction"));
    m_pinAction->setToolTip(tr("Keep this call whatever the retention; list pinned calls with "
                               "pinned:"));
    m_unpinAction->setObjectName(QStringLiteral("unpinAction"));
    addActions({m_compareAction, m_pinAction, m_unpinAction});
    connect(m_compareAction, &QAction::triggered, this, &HistoryPanel::compareSelected);
    connect(m_pinAction, &QAction::triggered, this, &HistoryPanel::askPinName);
    connect(m_unpinAction, &QAction::triggered, this, [this] {
        if (const HistoryRow newest = newestSelected(); m_store && newest.id)
            m_store->setPinned(newest.id, false);
    });
    // A click shows the call, even the row already current; Enter or a double-click opens it
    // in the composer (a pinned call is a template).
    connect(m_ui->historyView, &QAbstractItemView::clicked, this, [this](const QModelIndex &i) {
        if (m_model && i.isValid())
            showRow(i.row());
    });
    connect(m_ui->historyView, &QAbstractItemView::activated, this, [this](const QModelIndex &i) {
        if (!m_model || !i.isValid())
            return;
        if (const CallRecord call = m_model->query().load(m_model->rowAt(i.row()).id); call.id)
            Q_EMIT openInComposer(call);
    });
    m_ui->historyView->installEventFilter(this);
    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(200);
    connect(&m_filterDelay, &QTimer::timeout, this, &HistoryPanel::applyFilter);
    connect(m_ui->filterEdit, &QLineEdit::textChanged, &m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_ui->filterEdit, &QLineEdit::returnPressed, this, &HistoryPanel::applyFilter);
    connect(m_ui->historyView, &QWidget::customContextMenuRequested, this, &HistoryPanel::showMenu);
    connect(m_ui->clearButton, &QPushButton::clicked, this, &HistoryPanel::clearHistory);
    connect(m_ui->exportButton, &QPushButton::clicked, this, [this] {
        QMenu menu;
        menu.addAction(tr("As HAR 1.2…"), this, [this] { exportSelected(true); });
        menu.addAction(tr("As JSON lines…"), this, [this] { exportSelected(false); });
        menu.exec(m_ui->exportButton->mapToGlobal(QPoint(0, m_ui->exportButton->height())));
    });
}

HistoryPanel::~HistoryPanel() = default;

void HistoryPanel::setStore(HistoryStore *store)
{
    m_store = store;
    m_model = new HistoryModel(store->connectionName(), this);
    m_ui->historyView->setModel(m_model);
    QHeaderView *header = m_ui->historyView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(int(HistoryModel::Column::Time), 150);
    header->resizeSection(int(HistoryModel::Column::Method), 70);
    header->resizeSection(int(HistoryModel::Column::Path), 220);
    header->resizeSection(int(HistoryModel::Column::Status), 90);
    header->resizeSection(int(HistoryModel::Column::RequestId), 330); // a whole req_pi_<uuid>
    header->resizeSection(int(HistoryModel::Column::ErrorCode), 180);
    header->resizeSection(int(HistoryModel::Column::Duration), 80);
    header->resizeSection(int(HistoryModel::Column::IdempotencyKey), 170); // its header whole
    connect(store, &HistoryStore::stored, m_model, &HistoryModel::addStored);
    connect(store, &HistoryStore::cleared, m_model, &HistoryModel::reload);
    connect(store, &HistoryStore::pinChanged, m_model, &HistoryModel::updatePin);
    connect(store, &HistoryStore::pinChanged, this, &HistoryPanel::updateActions);
    connect(m_ui->historyView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPanel::updateActions);
    updateActions();
    connect(m_ui->historyView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HistoryPanel::onCurrentChanged);
    // A request id pasted a moment after its call finished may reach the filter before the
    // history has written the call: when it arrives, jump to it then.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_model->filter().requestIdPrefix.isEmpty() &&
            !m_ui->historyView->currentIndex().isValid() && m_model->rowCount() > 0)
            jumpToFirst();
    });
}

void HistoryPanel::applyFilter()
{
    m_filterDelay.stop();
    if (!m_model)
        return;
    const QString text = m_ui->filterEdit->text().trimmed();
    if (text == m_appliedText)
        return;
    m_appliedText = text;
    const HistoryFilter filter = HistoryFilter::fromSearchText(text);
    m_model->setFilter(filter);
    m_ui->findResultLabel->clear();
    if (!filter.requestIdPrefix.isEmpty()) {
        // A pasted request ID goes straight to its call.
        if (m_model->rowCount() > 0) {
            jumpToFirst();
        } else {
            m_ui->findResultLabel->setText(
                tr("No call has a request ID starting with %1.").arg(filter.requestIdPrefix));
        }
    } else if (!filter.isEmpty()) {
        m_ui->findResultLabel->setText(
            m_model->canFetchMore({}) ? tr("Matching calls, newest first.")
                                      : tr("%n matching call(s).", nullptr, m_model->rowCount()));
    }
}

void HistoryPanel::jumpToFirst()
{
    m_ui->historyView->selectRow(0);
    m_ui->findResultLabel->setText(tr("Found the call with request ID %1.")
                                       .arg(QString::fromLatin1(m_model->rowAt(0).requestId)));
}

void HistoryPanel::onCurrentChanged()
{
    // The row the table makes current as it takes the focus (Tab into it) is not a choice:
    // nothing is shown for it. A click or the arrow keys are.
    if (m_quietCurrent)
        return;
    const QModelIndex current = m_ui->historyView->currentIndex();
    if (current.isValid())
        showRow(current.row());
}

void HistoryPanel::showRow(int row)
{
    HistoryCodec::Packed packed = m_model->query().loadPacked(m_model->rowAt(row).id);
    const quint64 generation = ++m_loadGeneration;
    if (!packed.record.id)
        return;
    // Inline only what cannot grow: a compressed body, however small, may inflate to the cap.
    if (packed.storedBytes() < inflateHereBytes && !packed.requestCompressed &&
        !packed.responseCompressed) {
        Q_EMIT callActivated(HistoryCodec::unpack(std::move(packed)));
        return;
    }
    // Large stored bodies (a crafted file's may inflate to the cap) are inflated on a worker;
    // the call is shown if it is still the one selected then.
    QPointer<HistoryPanel> self(this);
    QThreadPool::globalInstance()->start([self, generation, packed = std::move(packed)]() mutable {
        CallRecord record = HistoryCodec::unpack(std::move(packed));
        QMetaObject::invokeMethod(QCoreApplication::instance(),
                                  [self, generation, record = std::move(record)] {
                                      if (self && self->m_loadGeneration == generation)
                                          Q_EMIT self->callActivated(record);
                                  });
    });
}

bool HistoryPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui->historyView && event->type() == QEvent::FocusIn &&
        !m_ui->historyView->currentIndex().isValid()) {
        m_quietCurrent = true; // the focus-in makes a row current: not a choice
        QTimer::singleShot(0, this, [this] { m_quietCurrent = false; });
    }
    return QWidget::eventFilter(watched, event);
}

void HistoryPanel::markCall(qint64 id)
{
    const int row = m_model ? m_model->rowOfId(id) : -1;
    m_quietCurrent = true;
    if (row < 0) {
        // Filtered out: no other row may stay selected beside a call it is not.
        m_ui->historyView->clearSelection();
        m_ui->historyView->setCurrentIndex({});
        m_quietCurrent = false;
        return;
    }
    m_ui->historyView->selectRow(row);
    m_ui->historyView->scrollTo(m_model->index(row, 0));
    m_quietCurrent = false;
}

void HistoryPanel::selectCall(qint64 id)
{
    if (!m_model)
        return;
    int row = m_model->rowOfId(id);
    if (row < 0) {
        // Not loaded (or filtered out): narrow the list to that call's request id rather than
        // paging through what may be a million rows.
        const CallRecord call = m_model->query().load(id);
        if (!call.id)
            return;
        m_ui->filterEdit->setText(QString::fromLatin1(call.requestId()));
        applyFilter();
        row = m_model->rowOfId(id);
    }
    if (row >= 0) {
        m_ui->historyView->selectRow(row);
        m_ui->historyView->scrollTo(m_model->index(row, 0));
    }
}

void HistoryPanel::selectOriginal(const QByteArray &idempotencyKey)
{
    if (!m_model || idempotencyKey.isEmpty())
        return;
    const QList<HistoryRow> chain = m_model->query().chain(idempotencyKey);
    if (!chain.isEmpty())
        selectCall(chain.first().id);
}

HistoryRow HistoryPanel::newestSelected() const
{
    HistoryRow newest;
    if (!m_model)
        return newest;
    for (const QModelIndex &index : m_ui->historyView->selectionModel()->selectedRows())
        if (m_model->rowAt(index.row()).id > newest.id)
            newest = m_model->rowAt(index.row());
    return newest;
}

QList<CallRecord> HistoryPanel::selectedCalls() const
{
    QList<CallRecord> records;
    if (!m_model)
        return records;
    const QModelIndexList rows = m_ui->historyView->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        records.append(m_model->query().load(m_model->rowAt(index.row()).id));
    std::sort(records.begin(), records.end(),
              [](const CallRecord &a, const CallRecord &b) { return a.id < b.id; });
    return records;
}

void HistoryPanel::updateActions()
{
    const QModelIndexList rows =
        m_model ? m_ui->historyView->selectionModel()->selectedRows() : QModelIndexList();
    m_compareAction->setEnabled(rows.size() == 2);
    const bool one = rows.size() >= 1;
    // Pin… and Unpin act on the newest selected call, as pinSelected() does.
    const bool pinned = one && newestSelected().pinned;
    m_pinAction->setEnabled(one);
    m_pinAction->setText(pinned ? tr("Rename &pin…") : tr("&Pin…"));
    m_unpinAction->setEnabled(pinned);
}

void HistoryPanel::compareSelected()
{
    const QList<CallRecord> calls = selectedCalls();
    if (calls.size() != 2) {
        m_ui->findResultLabel->setText(tr("Select two calls (Ctrl+click) to compare them."));
        return;
    }
    Q_EMIT compareRequested(calls.first(), calls.last()); // older first: A, then B
}

void HistoryPanel::askPinName()
{
    const HistoryRow newest = newestSelected();
    if (!m_store || !newest.id)
        return;
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("pinDialog"));
    dialog.setWindowTitle(tr("Pin call"));
    dialog.setLabelText(tr("Pinned calls are kept whatever the retention and listed by "
                           "\"pinned:\". Name (optional):"));
    dialog.setTextValue(newest.pinName);
    if (dialog.exec() == QDialog::Accepted)
        pinSelected(dialog.textValue());
}

void HistoryPanel::pinSelected(const QString &name)
{
    if (const HistoryRow newest = newestSelected(); m_store && newest.id)
        m_store->setPinned(newest.id, true, name);
}

void HistoryPanel::showMenu(const QPoint &at)
{
    // The menu is built from the rows alone: a call is read whole (its bodies inflated) only
    // for the action chosen, never to show a menu.
    const HistoryRow row = newestSelected();
    if (!row.id)
        return;
    const auto withCall = [this, id = row.id](auto act) {
        return [this, id, act] {
            if (const CallRecord call = m_model ? m_model->query().load(id) : CallRecord(); call.id)
                act(call);
        };
    };
    QMenu menu(this);
    menu.addAction(m_compareAction);
    menu.addSeparator();
    menu.addAction(tr("Open in composer"), this,
                   withCall([this](const CallRecord &c) { Q_EMIT openInComposer(c); }));
    QAction *retry =
        menu.addAction(tr("Retry with same idempotency key"), this,
                       withCall([this](const CallRecord &c) { Q_EMIT retryRequested(c); }));
    retry->setEnabled(!row.idempotencyKey.isEmpty());
    menu.addSeparator();
    // A copy from the menu says "Copied" by the table, where the click was.
    QWidget *view = m_ui->historyView;
    const QPoint clicked = m_ui->historyView->viewport()->mapTo(view, at);
    menu.addAction(tr("Copy request ID"), this, [id = row.requestId, view, clicked] {
        Clipboard::copy(QString::fromLatin1(id));
        CopyFeedback::showAt(view, clicked);
    });
    menu.addAction(tr("Copy support details"), this, withCall([view, clicked](const CallRecord &c) {
                       Clipboard::copy(SupportReport::forRecord(c));
                       CopyFeedback::showAt(view, clicked);
                   }));
    menu.addAction(tr("Copy as cURL"), this, withCall([view, clicked](const CallRecord &c) {
                       Clipboard::copy(CurlExport::fromRecord(c));
                       CopyFeedback::showAt(view, clicked);
                   }));
    menu.addSeparator();
    QAction *chain = menu.addAction(
        tr("Show calls with this idempotency key"), this, [this, key = row.idempotencyKey] {
            m_ui->filterEdit->setText(QStringLiteral("key:") + QString::fromLatin1(key));
            applyFilter();
        });
    chain->setEnabled(!row.idempotencyKey.isEmpty());
    menu.addAction(m_pinAction);
    menu.addAction(m_unpinAction);
    menu.addSeparator();
    menu.addAction(tr("Export selected as HAR…"), this, [this] { exportSelected(true); });
    menu.addAction(tr("Export selected as JSON lines…"), this, [this] { exportSelected(false); });
    menu.exec(m_ui->historyView->viewport()->mapToGlobal(at));
}

void HistoryPanel::exportSelected(bool har)
{
    const QList<CallRecord> calls = selectedCalls();
    if (calls.isEmpty()) {
        QMessageBox::information(this, tr("Export"), tr("Select the calls to export first."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export calls"),
        har ? QStringLiteral("pi-calls.har") : QStringLiteral("pi-calls.jsonl"),
        har ? tr("HAR files (*.har)") : tr("JSON lines (*.jsonl)"));
    if (path.isEmpty())
        return;
    if (const QString error = exportTo(path, calls, har); !error.isEmpty()) {
        QMessageBox box(QMessageBox::Warning, tr("Export"), error, QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText);
        box.exec();
    }
}

QString HistoryPanel::exportTo(const QString &path, const QList<CallRecord> &calls, bool har)
{
    QSaveFile file(path);
    const QByteArray bytes =
        Redaction::scrub(har ? HistoryExport::toHar(calls) : HistoryExport::toJsonLines(calls));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return tr("Could not write %1: %2").arg(path, file.errorString());
    return {};
}

void HistoryPanel::clearHistory()
{
    if (!m_store)
        return;
    const auto answer =
        QMessageBox::question(this, tr("Clear history"),
                              tr("Delete every call in the history but the pinned ones? Request "
                                 "IDs you have not copied elsewhere will be gone."),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_store->clear();
}
