//! Entering and leaving the terminal's explorer mode (raw mode, alternate screen, mouse), and making sure the
//! terminal is restored on every way out: normal quit, error (the guard's `Drop`), panic (a hook that restores
//! first, then lets color-eyre report), and SIGTERM/SIGINT (a flag the event loop polls, set through
//! signal-hook); SIGHUP, the terminal hanging up, ends the process at once, since there is no terminal left to
//! restore.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, KeyboardEnhancementFlags, PopKeyboardEnhancementFlags,
    PushKeyboardEnhancementFlags,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

/// Set while the terminal is in explorer mode, so restoring twice is harmless.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Set when keyboard enhancement was pushed and must be popped.
static ENHANCED: AtomicBool = AtomicBool::new(false);
/// Set by the signal handler; the event loop exits when it sees it.
static STOP: AtomicBool = AtomicBool::new(false);

/// The explorer's terminal. Dropping it restores the terminal.
pub struct Guard {
    /// The ratatui terminal over stdout.
    pub terminal: Terminal<CrosstermBackend<io::Stdout>>,
}

impl Guard {
    /// Installs the panic and error hooks, then puts the terminal in explorer mode.
    pub fn enter() -> io::Result<Guard> {
        install_hooks();
        install_signal_handlers();
        terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let mut out = io::stdout();
        if let Err(e) = execute!(out, EnterAlternateScreen, EnableMouseCapture) {
            restore();
            return Err(e);
        }
        // Where the terminal can tell Ctrl-i from Tab, ask it to (the jump-forward key).
        if matches!(terminal::supports_keyboard_enhancement(), Ok(true))
            && execute!(out, PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)).is_ok()
        {
            ENHANCED.store(true, Ordering::SeqCst);
        }
        match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(terminal) => Ok(Guard { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Writes raw bytes to the terminal (an OSC 52 clipboard sequence).
    pub fn write_raw(&mut self, s: &str) -> io::Result<()> {
        let mut out = io::stdout();
        out.write_all(s.as_bytes())?;
        out.flush()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves explorer mode: keyboard enhancement, mouse, alternate screen, raw mode, cursor. Safe to call twice.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if ENHANCED.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, PopKeyboardEnhancementFlags);
    }
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// True once a termination signal arrived.
pub fn stop_requested() -> bool {
    STOP.load(Ordering::SeqCst)
}

/// color-eyre's hooks, with the panic hook wrapped so the terminal is restored before the report prints.
fn install_hooks() {
    let (panic_hook, eyre_hook) = color_eyre::config::HookBuilder::default().into_hooks();
    // A second call (a second explorer in one process) finds the eyre hook set already; that is fine.
    let _ = eyre_hook.install();
    let panic_hook = panic_hook.into_panic_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        panic_hook(info);
    }));
}

#[cfg(unix)]
fn install_signal_handlers() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    // SIGHUP: the terminal is gone, so there is nothing to restore, and the input reader would spin on the dead
    // terminal (crossterm retries a read that keeps failing), never returning to the event loop. Leave at once,
    // with the conventional status for death by SIGHUP.
    // SAFETY: the action only calls `_exit`, which is async-signal-safe.
    let _ = unsafe { signal_hook::low_level::register(SIGHUP, || signal_hook::low_level::exit(128 + SIGHUP)) };
    // SIGTERM and SIGINT: only an atomic store; the event loop restores the terminal and exits.
    for sig in [SIGINT, SIGTERM] {
        // SAFETY: the action is an atomic store, which is async-signal-safe.
        let _ = unsafe { signal_hook::low_level::register(sig, || STOP.store(true, Ordering::SeqCst)) };
    }
}

#[cfg(not(unix))]
fn install_signal_handlers() {}
