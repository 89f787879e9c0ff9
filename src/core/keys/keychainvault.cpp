#include "core/keys/keychainvault.h"

#include "core/base/logging.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

#include <qt6keychain/keychain.h>

namespace {

KeyVault::Result resultOf(const QKeychain::Job *job)
{
    using QKeychain::Error;
    KeyVault::Result r;
    r.message = job->errorString();
    switch (job->error()) {
    case Error::NoError:
        r.status = KeyVault::Status::Ok;
        r.message.clear();
        break;
    case Error::EntryNotFound:
        r.status = KeyVault::Status::NotFound;
        r.message = KeyVault::tr("No key is stored for this profile, or the keychain is locked "
                                 "and will not show it.");
        break;
    case Error::AccessDenied:
    case Error::AccessDeniedByUser:
        r.status = KeyVault::Status::AccessDenied;
        r.message =
            KeyVault::tr("The keychain refused access (is it locked?): %1").arg(job->errorString());
        break;
    case Error::NoBackendAvailable:
    case Error::NotImplemented:
        r.status = KeyVault::Status::NoKeychain;
        break;
    case Error::OtherError:
    case Error::CouldNotDeleteEntry:
    default: {
        const QString text = job->errorString();
        // QtKeychain 0.13 reports a missing session bus or Secret Service only as text.
        bool noService = false;
        for (const char *sign : {"D-Bus", "DBus", "secret", "No keychain", "Could not connect"})
            noService = noService || text.contains(QLatin1String(sign), Qt::CaseInsensitive);
        r.status = noService ? KeyVault::Status::NoKeychain : KeyVault::Status::Failed;
        break;
    }
    }
    if (r.status == KeyVault::Status::NoKeychain) {
        r.message = KeyVault::tr("No keychain is available (%1). Start a Secret Service such "
                                 "as GNOME Keyring or KWallet, or use a key for this session "
                                 "only.")
                        .arg(job->errorString());
    }
    return r;
}

template <typename JobType, typename Callback>
void runJob(JobType *job, Callback onDone)
{
    job->setAutoDelete(true);
    // Never the insecure fallback: a key that cannot go to the keychain goes nowhere.
    job->setInsecureFallback(false);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [onDone = std::move(onDone)](QKeychain::Job *finished) {
                         onDone(static_cast<JobType *>(finished));
                     });
    job->start();
}

using Attributes = QMap<QString, QString>;

// QtKeychain 0.13 (libsecret) reports a delete as done even when the Secret Service deleted
// nothing, as with a locked keyring whose unlock prompt was dismissed or could not show. So
// the Secret Service is asked whether any entry is left, locked or not (SearchItems lists
// both, by the attributes QtKeychain stores: server = service, user = profile id). With no
// Secret Service to ask (another backend), the delete's own word is all there is.
void confirmGone(QObject *context, const QString &service, const QString &profileId,
                 KeyVault::DoneCallback done)
{
    qDBusRegisterMetaType<Attributes>();
    QDBusMessage search = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
        QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("SearchItems"));
    search << QVariant::fromValue(
        Attributes{{QStringLiteral("server"), service}, {QStringLiteral("user"), profileId}});
    auto *watcher = new QDBusPendingCallWatcher(
        QDBusConnection::sessionBus().asyncCall(search, 20000), context);
    QObject::connect(
        watcher, &QDBusPendingCallWatcher::finished, context,
        [done = std::move(done)](QDBusPendingCallWatcher *finished) {
            finished->deleteLater();
            const QDBusPendingReply<QList<QDBusObjectPath>, QList<QDBusObjectPath>> reply =
                *finished;
            KeyVault::Result r{KeyVault::Status::Ok, {}};
            if (reply.isError()) {
                qCDebug(lcKeys) << "no Secret Service to confirm a delete:"
                                << reply.error().message();
            } else if (!reply.argumentAt<1>().isEmpty()) {
                r = {KeyVault::Status::AccessDenied,
                     KeyVault::tr("The keychain is locked and still holds the key. Unlock it "
                                  "and try again.")};
            } else if (!reply.argumentAt<0>().isEmpty()) {
                r = {KeyVault::Status::Failed, KeyVault::tr("The keychain still holds the key.")};
            }
            done(r);
        });
}

} // namespace

KeychainVault::KeychainVault(QString service, QObject *parent)
    : KeyVault(parent)
    , m_service(std::move(service))
{}

KeychainVault::~KeychainVault()
{
    // A job the Secret Service has not answered yet must outlive the vault: libsecret calls
    // back into it later. It is let go, unanswered (its callback belongs to what is being
    // destroyed), and deletes itself once the answer comes.
    for (QKeychain::Job *job : findChildren<QKeychain::Job *>(Qt::FindDirectChildrenOnly)) {
        QObject::disconnect(job, &QKeychain::Job::finished, nullptr, nullptr);
        job->setParent(nullptr);
    }
}

void KeychainVault::read(const QString &profileId, ReadCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(profileId);
    runJob(job, [done = std::move(done), profileId](QKeychain::ReadPasswordJob *finished) {
        const Result r = resultOf(finished);
        qCDebug(lcKeys) << "read" << profileId << r.status;
        done(r, r.ok() ? finished->textData() : QString());
    });
}

void KeychainVault::write(const QString &profileId, const QString &secret, DoneCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(profileId);
    job->setTextData(secret);
    runJob(job, [done = std::move(done), profileId](QKeychain::WritePasswordJob *finished) {
        const Result r = resultOf(finished);
        qCDebug(lcKeys) << "write" << profileId << r.status;
        done(r);
    });
}

void KeychainVault::remove(const QString &profileId, DoneCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(profileId);
    runJob(job, [this, done = std::move(done), profileId](QKeychain::DeletePasswordJob *finished) {
        const Result r = resultOf(finished);
        qCDebug(lcKeys) << "remove" << profileId << r.status;
        if (!r.ok()) {
            done(r);
            return;
        }
        confirmGone(this, m_service, profileId, [done, profileId](const Result &confirmed) {
            qCDebug(lcKeys) << "remove confirmed" << profileId << confirmed.status;
            done(confirmed);
        });
    });
}
