#include "core/history/historystore.h"

#include "core/base/logging.h"
#include "core/secrets/redaction.h"

#include <QFileInfo>
#include <QSemaphore>
#include <QUuid>

#include <memory>

HistoryStore::HistoryStore(const HistoryDatabase::Opened &database,
                           HistoryWriter::Retention retention, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_readConnection(QStringLiteral("pi-history-reader-") + QUuid::createUuid().toString())
    , m_writer(new HistoryWriter(database.path, retention))
{
    qRegisterMetaType<CallRecord>();
    qRegisterMetaType<HistoryWriter::Retention>();
    QString error;
    HistoryDatabase::connect(m_database.path, m_readConnection, &error);

    m_thread.setObjectName(QStringLiteral("history writer"));
    m_writer->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_writer, &QObject::deleteLater);
    connect(m_writer, &HistoryWriter::written, this, &HistoryStore::stored);
    connect(m_writer, &HistoryWriter::cleared, this, &HistoryStore::cleared);
    connect(m_writer, &HistoryWriter::pinChanged, this, &HistoryStore::pinChanged);
    connect(m_writer, &HistoryWriter::compacted, this, &HistoryStore::compacted);
    connect(m_writer, &HistoryWriter::failed, this, &HistoryStore::failed);
    m_thread.start();
    QMetaObject::invokeMethod(m_writer, &HistoryWriter::open, Qt::QueuedConnection);
    QMetaObject::invokeMethod(m_writer, &HistoryWriter::prune, Qt::QueuedConnection);
}

HistoryStore::~HistoryStore()
{
    // Ending the thread's event loop would drop the writes still queued to it.
    if (!flush(quitFlushMs))
        qCWarning(lcHistory) << "the history writer did not finish within" << quitFlushMs
                             << "ms; the calls it had not written yet are lost";
    m_thread.quit();
    m_thread.wait();
    HistoryDatabase::disconnect(m_readConnection);
}

void HistoryStore::record(const CallRecord &record)
{
    QMetaObject::invokeMethod(m_writer, "write", Qt::QueuedConnection, Q_ARG(CallRecord, record));
}

void HistoryStore::clear()
{
    QMetaObject::invokeMethod(m_writer, &HistoryWriter::clear, Qt::QueuedConnection);
}

void HistoryStore::setPinned(qint64 id, bool pinned, const QString &name)
{
    const QString stored = Redaction::scrub(name.simplified()).left(200);
    QMetaObject::invokeMethod(
        m_writer,
        [writer = m_writer, id, pinned, stored] { writer->setPinned(id, pinned, stored); },
        Qt::QueuedConnection);
}

void HistoryStore::setRetention(const HistoryWriter::Retention &retention)
{
    QMetaObject::invokeMethod(m_writer, "setRetention", Qt::QueuedConnection,
                              Q_ARG(HistoryWriter::Retention, retention));
}

void HistoryStore::compact()
{
    QMetaObject::invokeMethod(m_writer, &HistoryWriter::compact, Qt::QueuedConnection);
}

qint64 HistoryStore::sizeOnDisk() const
{
    if (m_database.inMemory)
        return 0;
    return QFileInfo(m_database.path).size() +
           QFileInfo(m_database.path + QStringLiteral("-wal")).size();
}

bool HistoryStore::flush(int timeoutMs)
{
    // A marker queued behind every write: when it runs, they are all done.
    auto done = std::make_shared<QSemaphore>();
    QMetaObject::invokeMethod(
        m_writer, [done] { done->release(); }, Qt::QueuedConnection);
    return done->tryAcquire(1, timeoutMs < 0 ? -1 : timeoutMs); // negative: no limit
}
