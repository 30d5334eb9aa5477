//! The narrative editor for long texts (issue 28): select all, clear,
//! motions by word and paragraph, to the text's ends, its keys in `F1`, and
//! the drafts waiting said at the start and listed by `:drafts`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::tests::{Fixture, fixture, reopen_fixture};
use super::*;
use crate::model::{Change, ObjectiveField, Value};
use crate::tui::render::tests::screen;

const CODE: &str = "05_1201_0701";

/// 05_1201_0701's year-1 narrative made a text of 600 characters, in three paragraphs.
fn long_narrative(f: &mut Fixture) -> String {
    let sentence = "Il servizio prosegue secondo il cronoprogramma previsto. ";
    let mut text = String::new();
    while text.chars().count() < 600 {
        if text.chars().count() % 200 > 150 {
            text.push('\n');
        }
        text.push_str(sentence);
    }
    let text: String = text.chars().take(600).collect();
    let index = f.app.dataset.objectives.iter().position(|o| o.code == CODE);
    let change = Change::SetObjective {
        objective: CODE.into(),
        field: ObjectiveField::Year1,
        value: Value::Text(text.clone()),
    };
    f.app.save(index.unwrap(), &[change]).unwrap();
    text
}

/// The text drawn reversed (the selection) at 120×40 without colour.
fn selected_on_screen(f: &mut Fixture) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    f.draw(&mut t, crate::tui::theme::Theme { color: false });
    let buf = t.backend().buffer();
    let reversed = |x, y| {
        let cell: &ratatui::buffer::Cell = &buf[(x, y)];
        cell.modifier.contains(ratatui::style::Modifier::REVERSED)
    };
    (0..40)
        .flat_map(|y| (0..120).map(move |x| (x, y)))
        .filter(|&(x, y)| reversed(x, y))
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect()
}

fn with(f: &mut Fixture, code: KeyCode, modifiers: KeyModifiers) {
    f.app.handle_key(KeyEvent::new(code, modifiers));
}

fn editor(f: &Fixture) -> &NarrativeEdit {
    match &f.app.mode {
        Mode::Narrative(edit) => edit,
        _ => panic!("the editor is open"),
    }
}

fn stored(f: &Fixture) -> String {
    f.service()
        .objective(CODE)
        .unwrap()
        .unwrap()
        .objective
        .narratives
        .year1
}

#[test]
fn a_600_character_narrative_is_replaced_in_9_keys_saved_and_undone() {
    let mut f = fixture();
    f.open(CODE);
    let long = long_narrative(&mut f);
    assert_eq!(long.chars().count(), 600);
    // e, Ctrl-A, F a t t o, Ctrl-S, Esc: 9 keys.
    f.type_keys("e");
    f.ctrl('a');
    let s = screen(&mut f, 120, 40);
    assert!(
        selected_on_screen(&mut f).starts_with("Il servizio prosegue"),
        "the selection shows without colour"
    );
    assert!(
        s.contains("tutto il testo selezionato: ciò che scrivi lo sostituisce"),
        "{s}"
    );
    f.type_keys("Fatto");
    assert_eq!(editor(&f).text(), "Fatto");
    let s = screen(&mut f, 120, 40);
    assert!(
        !s.contains("tutto il testo selezionato") && s.contains("Ctrl-A seleziona tutto"),
        "typed over: the line no longer speaks of a selection: {s}"
    );
    f.ctrl('s');
    f.type_keys("\x1b");
    assert!(
        matches!(f.app.mode, Mode::Normal),
        "saved: Esc leaves at once"
    );
    assert_eq!(stored(&f), "Fatto");
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("Fatto") && !s.contains("cronoprogramma"), "{s}");
    // One `u` brings the 600 characters back, durably.
    f.type_keys("u");
    assert_eq!(stored(&f), long);
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("Il servizio prosegue secondo"), "{s}");
}

#[test]
fn ctrl_l_empties_the_text_ctrl_z_brings_it_back_and_typing_then_replaces_it() {
    let mut f = fixture();
    f.open(CODE);
    let long = long_narrative(&mut f);
    f.type_keys("e");
    f.ctrl('l');
    assert_eq!(editor(&f).text(), "");
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("testo svuotato: Ctrl-Z lo riporta"), "{s}");
    f.ctrl('z');
    assert_eq!(editor(&f).text(), long, "one Ctrl-Z undoes the clear");
    f.ctrl('l');
    f.type_keys("Nuovo");
    f.ctrl('s');
    assert_eq!(stored(&f), "Nuovo");
    // Del on a selection removes it too.
    f.ctrl('a');
    f.press(KeyCode::Delete);
    assert_eq!(editor(&f).text(), "");
}

#[test]
fn word_paragraph_and_text_motions_land_where_they_say() {
    let mut f = fixture();
    f.open(CODE);
    let index = f.app.dataset.objectives.iter().position(|o| o.code == CODE);
    let change = Change::SetObjective {
        objective: CODE.into(),
        field: ObjectiveField::Year1,
        value: Value::Text("uno due tre\n\nquattro cinque\nsei".into()),
    };
    f.app.save(index.unwrap(), &[change]).unwrap();
    f.type_keys("e");
    let at = |f: &Fixture| {
        let c = editor(f).textarea.cursor();
        (c.0, c.1)
    };
    let (ctrl, alt) = (KeyModifiers::CONTROL, KeyModifiers::ALT);
    with(&mut f, KeyCode::Right, ctrl);
    assert_eq!(at(&f), (0, 4), "Ctrl-→: the next word");
    with(&mut f, KeyCode::Char('f'), alt);
    assert_eq!(at(&f), (0, 8), "Alt-f as well");
    with(&mut f, KeyCode::Char('b'), alt);
    assert_eq!(at(&f), (0, 4), "Alt-b: back a word");
    with(&mut f, KeyCode::Down, ctrl);
    assert_eq!(
        at(&f),
        (2, 0),
        "Ctrl-↓: the next paragraph, the empty line skipped"
    );
    with(&mut f, KeyCode::Char('}'), alt);
    assert_eq!(at(&f), (3, 0), "Alt-}}");
    with(&mut f, KeyCode::Char('{'), alt);
    assert_eq!(at(&f), (2, 0), "Alt-{{");
    with(&mut f, KeyCode::End, ctrl);
    assert_eq!(
        at(&f),
        (3, 3),
        "Ctrl-End: the end of the text, not of the line"
    );
    with(&mut f, KeyCode::Home, ctrl);
    assert_eq!(at(&f), (0, 0), "Ctrl-Home: the start of the text");
    with(&mut f, KeyCode::Char('>'), alt);
    assert_eq!(at(&f), (3, 3), "Alt->: the end, whatever the column was");
    with(&mut f, KeyCode::Char('<'), alt);
    assert_eq!(at(&f), (0, 0), "Alt-<: the start");
    // Shift extends the selection: Ctrl-Shift-→ twice, then typing replaces two words.
    with(&mut f, KeyCode::Right, ctrl | KeyModifiers::SHIFT);
    with(&mut f, KeyCode::Right, ctrl | KeyModifiers::SHIFT);
    f.type_keys("X ");
    assert!(
        editor(&f).text().starts_with("X tre\n"),
        "{}",
        editor(&f).text()
    );
    // A motion without Shift ends the selection: nothing is replaced.
    with(&mut f, KeyCode::Right, ctrl | KeyModifiers::SHIFT);
    assert!(editor(&f).textarea.is_selecting());
    with(&mut f, KeyCode::Left, ctrl);
    assert!(!editor(&f).textarea.is_selecting());
    f.type_keys("Y");
    assert!(
        editor(&f).text().starts_with("X treY\n"),
        "{}",
        editor(&f).text()
    );
}

#[test]
fn f1_in_the_editor_shows_its_keys_and_esc_goes_back_to_the_text() {
    let mut f = fixture();
    f.open(CODE);
    f.type_keys("eabc");
    let s = screen(&mut f, 120, 40);
    assert!(
        s.contains("Ctrl-S salva · Esc esci · Ctrl-A seleziona tutto · F1 tutti i tasti"),
        "the editor's keys in the status line: {s}"
    );
    f.press(KeyCode::F(1));
    let s = screen(&mut f, 120, 40);
    for line in [
        "Editor dello stato di attuazione",
        "Ctrl-A  seleziona tutto: ciò che scrivi lo sostituisce",
        "Ctrl-L  svuota il testo",
        "Ctrl-→ Alt-f  parola successiva",
        "Ctrl-↑ Alt-{  capoverso precedente",
        "Ctrl-Home Alt-<  inizio del testo",
        "Ctrl-End Alt->  fine del testo",
    ] {
        assert!(s.contains(line), "«{line}» in the help: {s}");
    }
    f.type_keys("\x1b");
    assert!(
        editor(&f).text().starts_with("abc") && editor(&f).is_dirty(),
        "the text as it was"
    );
}

#[test]
fn the_drafts_waiting_are_said_at_the_start_and_drafts_opens_the_one_picked() {
    let f = fixture();
    let service = f.service();
    service
        .save_draft(
            &crate::api::DraftOf::narrative("05_1201_0601", ObjectiveField::Year2),
            "Bozza del secondo anno",
        )
        .unwrap();
    service
        .save_draft(
            &crate::api::DraftOf::narrative(CODE, ObjectiveField::Year1),
            "Bozza del primo anno",
        )
        .unwrap();
    // A draft that is the published text waits for nothing.
    let stored = f.service().objective("05_1201_0201").unwrap().unwrap();
    let published = stored.objective.narratives.year1;
    assert!(!published.is_empty());
    f.service()
        .save_draft(
            &crate::api::DraftOf::narrative("05_1201_0201", ObjectiveField::Year1),
            &published,
        )
        .unwrap();
    let mut f = reopen_fixture(f.reopen());
    f.app.say_drafts_waiting();
    let s = screen(&mut f, 120, 40);
    assert!(
        s.contains(
            "2 bozze in attesa: 05_1201_0601 (2° anno), 05_1201_0701 (1° anno) · :drafts per sceglierne una"
        ),
        "{s}"
    );
    f.type_keys(":drafts\n");
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("Bozze in attesa"), "{s}");
    assert!(
        s.contains("05_1201_0601 (2° anno) · ") && s.contains("«Bozza del secondo anno…»"),
        "{s}"
    );
    assert!(s.contains("05_1201_0701 (1° anno) · "), "{s}");
    assert!(!s.contains("05_1201_0201 (1° anno)"), "{s}");
    f.type_keys("j\n");
    assert_eq!(editor(&f).text(), "Bozza del primo anno");
    assert_eq!(editor(&f).writing.year(), Some(Year::First));
    let s = screen(&mut f, 120, 40);
    assert!(
        s.contains("Stato di attuazione 1° anno · 05_1201_0701 · modificato"),
        "{s}"
    );
    assert!(
        s.contains("bozza ripristinata: Ctrl-S per pubblicarla"),
        "{s}"
    );
    f.ctrl('s');
    f.type_keys("\x1b:drafts\n");
    let s = screen(&mut f, 120, 40);
    assert!(
        !s.contains("05_1201_0701 (1° anno)"),
        "published: no longer waiting: {s}"
    );
    f.type_keys("\x1b");
    f.app.say_drafts_waiting();
    let s = screen(&mut f, 120, 40);
    assert!(
        s.contains("1 bozza in attesa: 05_1201_0601 (2° anno) · :drafts per riaprirla"),
        "{s}"
    );
}

#[test]
fn no_draft_no_line_and_drafts_says_there_is_none() {
    let mut f = fixture();
    f.app.say_drafts_waiting();
    assert_eq!(f.app.status, Status::None);
    f.type_keys(":drafts\n");
    assert!(matches!(f.app.mode, Mode::Normal));
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("nessuna bozza in attesa"), "{s}");
}

/// The rows inside the editor's frame, as drawn.
fn editor_rows(s: &str) -> Vec<String> {
    let rows: Vec<Vec<char>> = s.lines().map(|l| l.chars().collect()).collect();
    let (top, left) = rows
        .iter()
        .enumerate()
        .find_map(|(y, r)| {
            let at = r.iter().collect::<String>().find("Stato di attuazione")?;
            let x = r.iter().collect::<String>()[..at].chars().count();
            // The frame's corner, left of the title.
            (0..x).rev().find(|&x| r[x] == '┌').map(|x| (y, x))
        })
        .expect("the editor's frame");
    rows[top + 1..]
        .iter()
        .take_while(|r| r[left] == '│')
        .map(|r| {
            let right = (left + 1..r.len())
                .find(|&x| r[x] == '│')
                .unwrap_or(r.len());
            r[left + 1..right].iter().collect()
        })
        .collect()
}

#[test]
fn no_wrapped_line_of_the_editor_starts_with_a_space() {
    let mut f = fixture();
    let codes: Vec<String> = f
        .app
        .dataset
        .objectives
        .iter()
        .map(|o| o.code.clone())
        .collect();
    let mut checked = 0;
    for code in &codes {
        f.open(code);
        for (key, year) in [("e", Year::First), ("E", Year::Second)] {
            f.type_keys(key);
            if matches!(f.app.mode, Mode::Ask(_)) {
                continue;
            }
            let text = editor(&f).text();
            assert_eq!(editor(&f).writing.year(), Some(year));
            for (w, h) in [(80, 24), (100, 30), (120, 40), (200, 50)] {
                let s = screen(&mut f, w, h);
                for row in editor_rows(&s) {
                    let shown = row.trim_end();
                    // A row that starts with a space is a line of the text that does.
                    if shown.starts_with(' ') {
                        assert!(
                            text.split('\n').any(|l| l.starts_with(shown)),
                            "{code} {key} at {w}×{h}: «{shown}»\n{s}"
                        );
                    }
                    checked += 1;
                }
            }
            f.type_keys("\x1b");
        }
    }
    assert!(checked > 1000, "{checked} rows");
}
