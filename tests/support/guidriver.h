#pragma once

#include "app/startup/appservices.h"
#include "app/window/mainwindow.h"
#include "core/base/clock.h"
#include "support/sandboxprocess.h"

#include <QApplication>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QTimer>

// A real Pi Console window against a real pi-sandbox, driven by object name as a person
// would drive it: for the GUI tests and the screenshot renderer.
class GuiDriver
{
public:
    // With a clock, the window's rate-limit countdowns read it instead of the system's.
    explicit GuiDriver(QStringList sandboxArguments = {}, const Clock *clock = nullptr);
    ~GuiDriver();

    // False with errorText() when the sandbox does not come up, or outside the private test
    // session (tests/private-session.sh), where it would touch the developer's own keychain.
    bool start();
    // Before start(): the window keeps the first size it chooses for itself, instead of
    // the fixed 1280×820 other tests and the screenshots rely on.
    void keepFirstSize() { m_keepFirstSize = true; }
    QString errorText() const { return m_error; }

    MainWindow *window() const { return m_window.get(); }
    AppServices *services() const { return m_services.get(); }
    SandboxProcess &sandbox() { return m_sandbox; }

    template <typename T>
    T *find(const QString &objectName) const
    {
        return m_window->findChild<T *>(objectName);
    }

    void compose(const QByteArray &method, const QString &path, const QString &body = {});
    // Types a Pi-Sandbox-Fault header into the composer's headers table; empty removes it.
    void setFault(const QString &spec);
    // Clicks Send and waits until the response panel shows the new call.
    bool sendAndWait(int timeoutMs = 20000);
    // Clicks a button and waits for the next finished call.
    bool clickAndWaitForCall(QAbstractButton *button, int timeoutMs = 20000);
    QString text(const QString &lineEditName) const;

    // Runs `act` on the next modal dialog of type Dialog, while the code under test waits in
    // its exec(); sets *seen when it did.
    template <typename Dialog>
    static void onNextModal(std::function<void(Dialog *)> act, bool *seen)
    {
        QTimer::singleShot(50, [act = std::move(act), seen] {
            auto *dialog = qobject_cast<Dialog *>(QApplication::activeModalWidget());
            if (!dialog) {
                onNextModal<Dialog>(act, seen);
                return;
            }
            *seen = true;
            act(dialog);
        });
    }

private:
    SandboxProcess m_sandbox;
    std::unique_ptr<AppServices> m_services;
    std::unique_ptr<MainWindow> m_window;
    QString m_error;
    const Clock *m_clock;
    bool m_keepFirstSize = false;
};
