//! The terminal face: state + `Action` + `update` + `render` (GUIDE §5).
//! This module owns the terminal: it restores it on quit, on panic, and on
//! SIGTERM/SIGHUP (a dropped SSH connection must not leave a stuck process).

pub mod action;
pub mod app;
pub mod columns;
pub mod config;
pub mod filter;
pub mod help;
pub mod keymap;
pub mod outline;
pub mod overview;
pub mod pane;
pub mod panes;
pub mod render;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod widgets;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};

use crate::service::PlanService;
use crate::service::follow::Following;
use app::App;
use ratatui::backend::Backend as _;
use theme::Theme;

/// How often the screen catches up with what others changed.
const REFRESH_EVERY: Duration = Duration::from_millis(900);

/// How the TUI is started, beside the plan it shows.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--no-mouse`: leave the mouse to the terminal (its own copy and paste).
    pub no_mouse: bool,
    /// The database this session created (nothing was at its path), and
    /// whether empty (`--empty`): said in the status line, so that a
    /// mistyped `--db` does not pass for the plan one meant.
    pub created: Option<(std::path::PathBuf, bool)>,
}

/// `creato il nuovo database PATH (DUP 2026-2028)`.
fn created_message(path: &std::path::Path, empty: bool) -> String {
    format!(
        "{} {} ({})",
        crate::i18n::tr("creato il nuovo database", "created the new database"),
        path.display(),
        if empty {
            crate::i18n::tr("vuoto", "empty")
        } else {
            crate::i18n::tr("con il piano DUP 2026-2028", "with the DUP 2026-2028 plan")
        }
    )
}

/// Runs the TUI on `service` until the user quits or the session hangs up.
pub fn run(
    service: Box<dyn PlanService>,
    options: Options,
) -> Result<(), Box<dyn std::error::Error>> {
    // The outline only: objectives are read whole when shown (issue 19).
    let (following, outline) = Following::outlined(service)?;
    let today = chrono::Local::now().date_naive();
    let mut app = App::open(following, outline, today);
    let (settings, complaint) = config::load();
    app.set_keys(settings.keys);
    app.say_drafts_waiting();
    if let Some((path, empty)) = &options.created {
        app.say(app::Status::Info(created_message(path, *empty)));
    }
    if let Some(message) = complaint {
        app.say(app::Status::Error(message));
    }
    let mouse = settings.mouse && !options.no_mouse;
    let theme = Theme::from_env();

    let hang_up = Arc::new(AtomicBool::new(false));
    let signals = [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP];
    for signal in signals {
        signal_hook::flag::register(signal, Arc::clone(&hang_up))?;
    }
    // Last resort: should the loop not notice the signal (a terminal library stuck
    // on a dead tty), the process still goes, rather than lingering after the
    // SSH session that started it.
    let mut watchdog = signal_hook::iterator::Signals::new(signals)?;
    std::thread::spawn(move || {
        if watchdog.forever().next().is_some() {
            std::thread::sleep(Duration::from_secs(5));
            std::process::exit(1);
        }
    });
    // ratatui::init sets the terminal up (raw mode, alternate screen) and installs
    // a panic hook that restores it first; frames go through `Compact`, which
    // sends fewer bytes per key than the plain crossterm backend.
    drop(ratatui::init());
    if mouse {
        crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture)?;
        // A panic restores the terminal through ratatui's hook: stop the mouse reports first.
        let restore = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
            restore(info);
        }));
    }
    let backend = ratatui::backend::CrosstermBackend::new(std::io::stdout());
    let area = ratatui::layout::Rect::from((ratatui::layout::Position::ORIGIN, backend.size()?));
    let mut terminal = ratatui::Terminal::new(terminal::Compact::new(backend, area))?;
    let result = (|| -> std::io::Result<()> {
        let mut view = view::View::default();
        let mut dirty = true;
        let mut polled = Instant::now();
        while !app.quitting() && !hang_up.load(Ordering::Relaxed) {
            if dirty {
                render::draw(&mut terminal, &mut app, &mut view, theme)?;
            }
            // Poll with a timeout so a hang-up is noticed even without key presses.
            let input = event::poll(Duration::from_millis(250))?;
            app.tick(Instant::now());
            // Others' changes (through a shared server), at least once a second.
            dirty = polled.elapsed() >= REFRESH_EVERY && {
                polled = Instant::now();
                app.refresh_from_others()
            };
            if !input {
                continue;
            }
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    app.handle_key(key);
                    dirty = true;
                }
                // Without capture the terminal sends none; should it, they are not ours.
                Event::Mouse(event) if mouse => {
                    app.handle_mouse(event, &view, Instant::now());
                    dirty = true;
                }
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        }
        Ok(())
    })();
    // Whatever ended the loop (q, a hang-up, SIGTERM, a dead terminal), the text
    // being typed is kept as a draft before the process goes.
    app.end_session();
    if mouse {
        // Before the restore: a terminal left reporting the mouse types garbage into the shell.
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
    }
    ratatui::restore();
    result.map_err(Into::into)
}
