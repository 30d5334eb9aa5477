//! Is the application fast at the scale of a whole municipality? One run,
//! one JSON line with every figure of issue 7.
//!
//! `cargo run --release --example perf -- [--objectives N] [--phases P] [--seed S]`
//! measures the shipped plan when `--objectives` is not given, otherwise a
//! synthetic plan (`obiettivi::dev::synthetic`) of N objectives × P phases.
//!
//! 1. The plan is written as JSON text and imported (parse + validate + store
//!    import) into a new database in a temporary directory: `import_ms`.
//! 2. A child process (this same program, `--tui DB QUERY`) then does what a
//!    user's session does, so that its memory figures are the TUI's alone and
//!    not the generator's: open the store and load the plan (`open_ms`), build
//!    the `App` and draw the first 120×40 frame (`first_frame_ms`), navigation
//!    keys (`nav_key_*`), weight edits until durable (`edit_ack_*`), a `/`
//!    search for the last objective's code (`search_ms`), the tree filtered
//!    (`f`, a condition or a scope switched, Enter to frame: `filter_*`) and
//!    sorted (`s` to frame: `sort_*`), the overview browsed (`o`, then `j`/`k`
//!    to frame: `overview_key_*`), then, after the TUI is closed, an
//!    export of the whole database to JSON text (`export_ms`).
//!
//! Frames are drawn as the TUI draws them, through `Compact` over a real
//! `CrosstermBackend` (with ratatui's diffing), into a `Write` that counts
//! bytes: `term_bytes_per_nav_key` is what an SSH session would carry per key.
//! The same frames also go through a plain `CrosstermBackend` (untimed) for
//! `term_bytes_per_nav_key_plain_backend`.

use std::cell::Cell;
use std::io::Write;
use std::path::Path;
use std::rc::Rc;
use std::time::Instant;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use obiettivi::dev::measure::{json_str, machine_facts, percentile, rss_mb};
use obiettivi::dev::synthetic::{Spec, generate_shaped};
use obiettivi::io::json;
use obiettivi::model::Dataset;
use obiettivi::service::Local;
use obiettivi::service::follow::Following;
use obiettivi::store::Store;
use obiettivi::tui::action::Action;
use obiettivi::tui::app::{App, Mode, Pane, Status};
use obiettivi::tui::outline::NodeKind;
use obiettivi::tui::render::draw;
use obiettivi::tui::terminal::Compact;
use obiettivi::tui::theme::Theme;
use obiettivi::tui::view::View;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
const NAV_KEYS: usize = 2000;
const EDITS: usize = 200;
/// Filter switches and sort keys measured.
const VIEW_CHANGES: usize = 200;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--tui") {
        let [_, db, query] = &args[..] else {
            fail("--tui DB QUERY")
        };
        println!("{}", session(Path::new(db), query));
        return;
    }
    if args.first().map(String::as_str) == Some("--import") {
        let [_, file, db] = &args[..] else {
            fail("--import FILE DB")
        };
        let ms = import(Path::new(file), Path::new(db));
        let (_, peak) = rss_mb();
        println!("\"import_ms\":{ms:.1},\"import_peak_rss_mb\":{peak:.0}");
        return;
    }
    let (spec, texts, synthetic) = Spec::from_args(args).unwrap_or_else(|e| fail(&e));
    let started = Instant::now();
    let dataset = if synthetic {
        generate_shaped(&spec, &texts)
    } else {
        obiettivi::io::shipped()
    };
    let text = json::to_string(&dataset);
    let generate_ms = ms(started);
    let shape = shape(&dataset, synthetic.then_some(spec));
    let query = dataset
        .objectives
        .last()
        .map_or_else(|| "DUP".to_string(), |o| o.code.clone());
    drop(dataset);

    let dir = std::env::temp_dir().join(format!("obiettivi-perf-{}", std::process::id()));
    let db = dir.join("db");
    let file = dir.join("plan.json");
    let json_mb = text.len() as f64 / 1e6;
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&file, &text))
        .unwrap_or_else(|e| fail(&e.to_string()));
    drop(text);
    let python = python_json(&file);

    // The import and the session each run in a fresh process: their peak
    // memory is their own, not the generator's.
    let exe = std::env::current_exe().unwrap_or_else(|e| fail(&e.to_string()));
    let child = |args: &[&std::ffi::OsStr]| {
        let output = std::process::Command::new(&exe)
            .args(args)
            .output()
            .unwrap_or_else(|e| fail(&e.to_string()));
        if !output.status.success() {
            let _ = std::fs::remove_dir_all(&dir);
            fail(&String::from_utf8_lossy(&output.stderr));
        }
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    };
    let imported = child(&["--import".as_ref(), file.as_os_str(), db.as_os_str()]);
    let session = child(&["--tui".as_ref(), db.as_os_str(), query.as_ref()]);
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "{{{shape},\"json_mb\":{json_mb:.1},\"generate_ms\":{generate_ms:.0},\
         {imported},{python},{session},{}}}",
        machine_facts()
    );
}

fn fail(message: &str) -> ! {
    eprintln!("perf: {message}");
    std::process::exit(2)
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// `"dataset":…,"objectives":N,"phases":P,"phases_total":T`
fn shape(d: &Dataset, spec: Option<Spec>) -> String {
    let total: usize = d.objectives.iter().map(|o| o.phases.len()).sum();
    let (name, phases, seed) = match spec {
        Some(s) => ("synthetic", s.phases.to_string(), s.seed.to_string()),
        None => ("shipped", "null".into(), "null".into()),
    };
    format!(
        "\"dataset\":{},\"seed\":{seed},\"objectives\":{},\"phases\":{phases},\"phases_total\":{total}",
        json_str(name),
        d.objectives.len()
    )
}

/// The baselines of issue 19, in the same run: Python's `json.load` of the
/// same file and `json.dumps` of what it loaded (ms; null without python3).
fn python_json(file: &Path) -> String {
    let script = "import json,sys,time\n\
        t=time.perf_counter(); d=json.load(open(sys.argv[1],encoding='utf-8')); l=time.perf_counter()-t\n\
        t=time.perf_counter(); s=json.dumps(d,ensure_ascii=False,indent=2); w=time.perf_counter()-t\n\
        print(f'{l*1000:.1f} {w*1000:.1f}')";
    let measured = {
        let out = std::process::Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(file)
            .output()
            .ok();
        out.and_then(|out| {
            let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
            let (load, dumps) = line.split_once(' ')?;
            Some((load.parse::<f64>().ok()?, dumps.parse::<f64>().ok()?))
        })
    };
    match measured {
        Some((load, dumps)) => {
            format!("\"python_json_load_ms\":{load:.1},\"python_json_dumps_ms\":{dumps:.1}")
        }
        None => "\"python_json_load_ms\":null,\"python_json_dumps_ms\":null".into(),
    }
}

/// What `obiettivi import FILE` does (its own code: the file streamed,
/// checked, compared with the plan, written in chunks, switched to); in ms,
/// until the database is closed.
fn import(file: &Path, db: &Path) -> f64 {
    let started = Instant::now();
    let store = Store::open(db, Dataset::empty).unwrap_or_else(|e| fail(&e.to_string()));
    let service = Local::new(store, "perf".into());
    if obiettivi::cli::import_json::import(&service, file, false).is_err() {
        fail("the import was refused");
    }
    drop(service);
    ms(started)
}

/// Counts the bytes a terminal would receive.
struct Counter(Rc<Cell<u64>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len() as u64);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The frames of the session, drawn twice: through the TUI's own backend
/// (`Compact` over crossterm), timed and counted, and through the plain
/// crossterm backend, only counted, to show what `Compact` saves.
struct Screen {
    tui: Terminal<Compact<CrosstermBackend<Counter>>>,
    plain: Terminal<CrosstermBackend<Counter>>,
    /// Bytes written so far by each.
    bytes: Rc<Cell<u64>>,
    plain_bytes: Rc<Cell<u64>>,
    /// What the frames measured (one for both: the same frame twice).
    view: View,
}

impl Screen {
    fn new() -> Screen {
        let area = Rect::new(0, 0, WIDTH, HEIGHT);
        let options = || TerminalOptions {
            viewport: Viewport::Fixed(area),
        };
        let (bytes, plain_bytes) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(0)));
        let counting = |count: &Rc<Cell<u64>>| CrosstermBackend::new(Counter(Rc::clone(count)));
        Screen {
            tui: Terminal::with_options(Compact::new(counting(&bytes), area), options())
                .unwrap_or_else(|e| fail(&e.to_string())),
            plain: Terminal::with_options(counting(&plain_bytes), options())
                .unwrap_or_else(|e| fail(&e.to_string())),
            bytes,
            plain_bytes,
            view: View::default(),
        }
    }

    fn draw(&mut self, app: &mut App) {
        self.draw_tui(app);
        self.draw_plain(app);
    }

    fn draw_tui(&mut self, app: &mut App) {
        draw_on(&mut self.tui, app, &mut self.view);
    }

    fn draw_plain(&mut self, app: &mut App) {
        draw_on(&mut self.plain, app, &mut self.view);
    }

    /// A key pressed and its frame drawn, as the event loop does: microseconds.
    fn timed_key(&mut self, app: &mut App, code: KeyCode) -> u64 {
        let started = Instant::now();
        press(app, code);
        self.draw_tui(app);
        let micros = started.elapsed().as_micros() as u64;
        self.draw_plain(app);
        micros
    }
}

fn draw_on<B: ratatui::backend::Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    view: &mut View,
) {
    let theme = Theme { color: true };
    draw(terminal, app, view, theme).unwrap_or_else(|e| fail(&e.to_string()));
}

/// The focus on `pane`, as its number key would put it.
fn focus(app: &mut App, pane: Pane) {
    let n = Pane::ALL.iter().position(|p| *p == pane).unwrap_or(0);
    app.update(Action::FocusPane(n as u8));
}

/// `j` in the tree; whether the selection moved (a loop over rows must not
/// spin when a key does something else than the benchmark expects).
fn moved_down(app: &mut App) -> bool {
    let before = app.selected();
    press(app, KeyCode::Char('j'));
    app.selected() != before
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// The user's session, in this (child) process: a JSON fragment of its figures.
fn session(db: &Path, query: &str) -> String {
    obiettivi::i18n::set_lang(obiettivi::i18n::Lang::It);
    let started = Instant::now();
    let store = Store::open(db, Dataset::empty).unwrap_or_else(|e| fail(&e.to_string()));
    let store_open_ms = ms(started);
    let (following, outline) = Following::outlined(Box::new(Local::new(store, "perf".into())))
        .unwrap_or_else(|e| fail(&e.to_string()));
    let open_ms = ms(started);
    let (rss_after_open, _) = rss_mb();

    let mut screen = Screen::new();
    let started = Instant::now();
    let today = NaiveDate::from_ymd_opt(2025, 8, 5).unwrap_or_default();
    let mut app = App::open(following, outline, today);
    screen.draw_tui(&mut app);
    let first_frame_ms = ms(started);
    screen.draw_plain(&mut app);
    let first_frame_bytes = screen.bytes.get();

    let (nav, nav_bytes, nav_plain_bytes, nav_slowest) = navigate(&mut screen, &mut app);
    let edits = edit_weights(&mut screen, &mut app);
    let (rss_after_nav, _) = rss_mb();
    let search_ms = search(&mut screen, &mut app, query);
    let (rss_after_search, _) = rss_mb();
    let filters = filter_tree(&mut screen, &mut app);
    let sorts = sort_tree(&mut screen, &mut app);
    let overview = browse_overview(&mut screen, &mut app);
    let folds = fold_tree(&mut screen, &mut app);
    let whole = app.whole_objectives();
    let fetched = app.service().fetched();
    let (rss_tui, peak_tui) = rss_mb();
    drop(app);

    let store = Store::open(db, Dataset::empty).unwrap_or_else(|e| fail(&e.to_string()));
    let started = Instant::now();
    let exported = json::to_string(&store.load().unwrap_or_else(|e| fail(&e.to_string())));
    let export_ms = ms(started);
    let (_, peak_export) = rss_mb();
    drop(exported);
    drop(store);
    // Last: the server keeps the database open until this process ends.
    let served_ms = open_through_serve(db);
    format!(
        "\"open_ms\":{open_ms:.1},\"store_open_ms\":{store_open_ms:.1},\"first_frame_ms\":{first_frame_ms:.1},\
         \"open_plus_first_frame_ms\":{:.1},\"first_frame_bytes\":{first_frame_bytes},\
         \"nav_keys\":{},\"nav_key_p50_us\":{},\"nav_key_p99_us\":{},\"nav_key_max_us\":{},\"nav_slowest_1pct\":{},\
         \"edits\":{},\"edit_ack_p50_us\":{},\"edit_ack_p99_us\":{},\"edit_ack_max_us\":{},\
         \"search_ms\":{search_ms:.1},\"export_ms\":{export_ms:.1},\
         \"filters\":{},\"filter_p50_us\":{},\"filter_p99_us\":{},\"filter_max_us\":{},\
         \"sorts\":{},\"sort_p50_us\":{},\"sort_p99_us\":{},\"sort_max_us\":{},\
         \"overview_keys\":{},\"overview_key_p50_us\":{},\"overview_key_p99_us\":{},\
         \"folds\":{},\"fold_p50_us\":{},\"fold_p99_us\":{},\"objectives_held_whole\":{whole},\"rss_after_nav_and_edits_mb\":{rss_after_nav:.0},\"rss_after_search_mb\":{rss_after_search:.0},\"objectives_read_whole\":{fetched},\
         \"serve_open_plus_first_frame_ms\":{served_ms:.1},\
         \"peak_rss_mb\":{peak_tui:.0},\"rss_after_open_mb\":{rss_after_open:.0},\
         \"rss_end_of_session_mb\":{rss_tui:.0},\"export_peak_rss_mb\":{peak_export:.0},\
         \"term_bytes_per_nav_key\":{:.0},\"term_bytes_per_nav_key_plain_backend\":{:.0}",
        open_ms + first_frame_ms,
        nav.len(),
        percentile(&nav, 0.5),
        percentile(&nav, 0.99),
        nav.last().copied().unwrap_or(0),
        json_str(&nav_slowest),
        edits.len(),
        percentile(&edits, 0.5),
        percentile(&edits, 0.99),
        edits.last().copied().unwrap_or(0),
        filters.len(),
        percentile(&filters, 0.5),
        percentile(&filters, 0.99),
        filters.last().copied().unwrap_or(0),
        sorts.len(),
        percentile(&sorts, 0.5),
        percentile(&sorts, 0.99),
        sorts.last().copied().unwrap_or(0),
        overview.len(),
        percentile(&overview, 0.5),
        percentile(&overview, 0.99),
        folds.len(),
        percentile(&folds, 0.5),
        percentile(&folds, 0.99),
        nav_bytes as f64 / nav.len().max(1) as f64,
        nav_plain_bytes as f64 / nav.len().max(1) as f64,
    )
}

/// `NAV_KEYS` keys among j, k, PgDn, Enter and Tab, in the pattern of someone
/// browsing: down the tree, into an objective, over to its narratives, back
/// with Tab. Returns the sorted latencies (µs) and the bytes written for them
/// through the TUI's backend and through the plain one.
fn navigate(screen: &mut Screen, app: &mut App) -> (Vec<u64>, u64, u64, String) {
    use KeyCode::{Char, Enter, PageDown, Tab};
    const ROUND: [KeyCode; 9] = [
        Char('j'),
        Char('j'),
        Char('k'),
        PageDown,
        Char('j'),
        Enter,
        Tab,
        Char('j'),
        Char('k'),
    ];
    let mut micros = Vec::with_capacity(NAV_KEYS);
    let mut keys: Vec<(u64, String)> = Vec::with_capacity(NAV_KEYS);
    let (mut written, mut plain_written) = (0, 0);
    let timed = Cell::new(0);
    let mut time = |app: &mut App, code: KeyCode| {
        timed.set(timed.get() + 1);
        let (before, plain_before) = (screen.bytes.get(), screen.plain_bytes.get());
        let (focus, current) = (app.focus(), app.current());
        let took = screen.timed_key(app, code);
        micros.push(took);
        let another = if app.current() != current {
            ", another objective"
        } else {
            ""
        };
        keys.push((took, format!("{code:?} in {focus:?}{another}")));
        written += screen.bytes.get() - before;
        plain_written += screen.plain_bytes.get() - plain_before;
        // Enter on a phase opens the cell editor: leave it, untimed.
        if !matches!(app.mode(), Mode::Normal) {
            press(app, KeyCode::Esc);
            screen.draw(app);
        }
    };
    while timed.get() < NAV_KEYS {
        // Each round starts in the tree (its Enter opens an objective): Tab until there.
        if app.focus() != Pane::Tree {
            time(app, Tab);
            continue;
        }
        for code in ROUND.iter().take(NAV_KEYS - timed.get()) {
            time(app, *code);
        }
    }
    micros.sort_unstable();
    // Which keys the slowest 1 % were: what the p99 is made of.
    keys.sort_unstable_by_key(|k| std::cmp::Reverse(k.0));
    let mut slowest: Vec<(String, usize)> = Vec::new();
    for (_, key) in keys.iter().take(NAV_KEYS / 100) {
        match slowest.iter_mut().find(|(k, _)| k == key) {
            Some((_, n)) => *n += 1,
            None => slowest.push((key.clone(), 1)),
        }
    }
    let slowest = slowest
        .iter()
        .map(|(key, n)| format!("{n}× {key}"))
        .collect::<Vec<_>>()
        .join("; ");
    (micros, written, plain_written, slowest)
}

/// `EDITS` weight edits (`w`, a number, Enter) on the phases of the current
/// objective: the Enter, until the edit is durable and the frame says so (µs).
fn edit_weights(screen: &mut Screen, app: &mut App) -> Vec<u64> {
    if app.current().is_none() {
        focus(app, Pane::Tree);
        app.update(Action::Top); // `g` alone is now the start of `gg`
        while app.current().is_none() && app.selected() + 1 < app.rows().len() {
            if !moved_down(app) {
                break;
            }
        }
    }
    let phases = app.objective().map_or(0, |o| o.phases.len());
    if phases == 0 {
        return Vec::new();
    }
    focus(app, Pane::Phases);
    let mut micros = Vec::with_capacity(EDITS);
    for i in 0..EDITS {
        app.update(Action::Top);
        for _ in 0..i % phases {
            app.update(Action::Down);
        }
        press(app, KeyCode::Char('w'));
        press(app, KeyCode::Backspace);
        press(app, KeyCode::Backspace);
        press(app, KeyCode::Backspace);
        // A value the phase does not have already (that would be "nothing to change").
        let current = app
            .objective()
            .and_then(|o| o.phases.get(app.phases().row))
            .and_then(|p| p.weight);
        let mut value = 1 + i % 99;
        if current == Some(value as f64) {
            value = value % 99 + 1;
        }
        for c in value.to_string().chars() {
            press(app, KeyCode::Char(c));
        }
        screen.draw(app);
        micros.push(screen.timed_key(app, KeyCode::Enter));
        if !matches!(app.status(), Status::Saved(_)) {
            fail("a weight edit was not saved");
        }
    }
    micros.sort_unstable();
    micros
}

/// `/`, the query, then Enter: the search and the frame that shows the hit (ms).
fn search(screen: &mut Screen, app: &mut App, query: &str) -> f64 {
    press(app, KeyCode::Char('/'));
    for c in query.chars() {
        press(app, KeyCode::Char(c));
    }
    screen.draw(app);
    let started = Instant::now();
    press(app, KeyCode::Enter);
    screen.draw_tui(app);
    let elapsed = ms(started);
    if app.search().is_none() {
        fail(&format!("the search for «{query}» found nothing"));
    }
    elapsed
}

/// `f`, then Enter on a line of the filter list, in turn: late phases, Σ ≠ 100,
/// report empty (each switched on and off again), a mission as the scope, all
/// objectives. Each Enter, until the tree is rebuilt and the frame drawn (µs).
fn filter_tree(screen: &mut Screen, app: &mut App) -> Vec<u64> {
    focus(app, Pane::Tree);
    press(app, KeyCode::Char('f'));
    let Mode::Pick(picker) = app.mode() else {
        fail("f did not open the filter list")
    };
    // The first mission's line, and the "all objectives" one.
    let line = |prefix: &str| picker.items.iter().position(|i| i.contains(prefix));
    let (Some(mission), Some(all)) = (line("( ) missione"), line("tutti gli obiettivi")) else {
        fail("the filter list has no mission or no «all»")
    };
    let lines = [0, 0, 1, 1, 2, 2, mission, all];
    let mut micros = Vec::with_capacity(VIEW_CHANGES);
    for i in 0..VIEW_CHANGES {
        app.update(Action::Top);
        for _ in 0..lines[i % lines.len()] {
            app.update(Action::Down);
        }
        screen.draw(app);
        micros.push(screen.timed_key(app, KeyCode::Enter));
    }
    press(app, KeyCode::Esc);
    micros.sort_unstable();
    micros
}

/// `s` in the tree, through every order: the rows rebuilt and drawn (µs).
fn sort_tree(screen: &mut Screen, app: &mut App) -> Vec<u64> {
    focus(app, Pane::Tree);
    let mut micros: Vec<u64> = (0..VIEW_CHANGES)
        .map(|_| screen.timed_key(app, KeyCode::Char('s')))
        .collect();
    micros.sort_unstable();
    micros
}

/// `h` and `l` on a mission row in the tree, in turn: the mission folded and
/// unfolded, the rows rebuilt and drawn (µs).
fn fold_tree(screen: &mut Screen, app: &mut App) -> Vec<u64> {
    focus(app, Pane::Tree);
    app.update(Action::Top); // `g` alone is now the start of `gg`
    while app
        .selected_row()
        .is_some_and(|r| r.kind != NodeKind::Mission)
        && app.selected() + 1 < app.rows().len()
    {
        if !moved_down(app) {
            fail("j does not move down the tree");
        }
    }
    let mut micros: Vec<u64> = (0..VIEW_CHANGES)
        .map(|i| screen.timed_key(app, KeyCode::Char(if i % 2 == 0 { 'h' } else { 'l' })))
        .collect();
    micros.sort_unstable();
    micros
}

/// A session through `obiettivi serve` (run here, on a thread): connect,
/// the outline, the App and its first frame (ms).
fn open_through_serve(db: &Path) -> f64 {
    use obiettivi::server::{Shared, accept, client::Client, listen, roles::Roles};
    let store = Store::open(db, Dataset::empty).unwrap_or_else(|e| fail(&e.to_string()));
    let socket = listen::socket_path(db);
    let listener = listen::bind(&socket, None).unwrap_or_else(|e| fail(&e));
    let roles = Roles::new("perf", None, Path::new("roles.toml"));
    let shared = std::sync::Arc::new(Shared::new(store, roles));
    std::thread::spawn(move || accept(&listener, &shared));
    let mut screen = Screen::new();
    let started = Instant::now();
    let client = Client::connect(&socket, None).unwrap_or_else(|e| fail(&format!("{e:?}")));
    let (following, outline) =
        Following::outlined(Box::new(client)).unwrap_or_else(|e| fail(&e.to_string()));
    let today = NaiveDate::from_ymd_opt(2025, 8, 5).unwrap_or_default();
    let mut app = App::open(following, outline, today);
    screen.draw_tui(&mut app);
    ms(started)
}

/// `o`, then `j` and `k` through the overview's lines: each key and its frame,
/// the plan summed up again (µs).
fn browse_overview(screen: &mut Screen, app: &mut App) -> Vec<u64> {
    press(app, KeyCode::Char('o'));
    screen.draw(app);
    let mut micros: Vec<u64> = (0..VIEW_CHANGES)
        .map(|i| {
            let key = if (i / 20) % 2 == 0 { 'j' } else { 'k' };
            screen.timed_key(app, KeyCode::Char(key))
        })
        .collect();
    // Back to the tree as `focus` does it: a `1` pressed here would now be
    // the start of a count (`1j`), which the next `j` would take to the overview.
    focus(app, Pane::Tree);
    micros.sort_unstable();
    micros
}
