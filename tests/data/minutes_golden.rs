//! The minutes of a review as a secretary pastes them into a verbale (issue
//! 28): a golden file of the txt minutes, with a rewritten paragraph, a
//! small edit of another and a field changed; and the md and html minutes
//! under the same rules, each with its own markup.
//!
//! `OBIETTIVI_GOLDEN=write cargo test --test data minutes_golden` writes the
//! golden file again from what the minutes say now: read the diff before
//! committing it.

use chrono::{DateTime, FixedOffset, NaiveDate};
use obiettivi::api::{Review, ReviewMark};
use obiettivi::i18n::{Lang, set_lang};
use obiettivi::io::report::{Format, Minutes, render_minutes};
use obiettivi::model::fingerprint::fingerprint;
use obiettivi::model::{Dataset, Objective};

const GOLDEN: &str = "tests/data/golden/minutes_rewritten.txt";
/// Its year-1 narrative rewritten, its status changed; reviewed with a comment.
const REWRITTEN: &str = "05_1201_0601";
/// One word of its year-1 narrative changed; not reviewed.
const EDITED: &str = "05_1201_0201";
/// Unchanged, reviewed without a comment.
const REVIEWED: &str = "05_1201_0102";

const NEW_TEXT: &str = "Testo aggiornato: nel primo semestre sono stati consegnati \
                        dodici alloggi a canone calmierato alle famiglie in graduatoria; \
                        le altre assegnazioni seguiranno entro dicembre.";

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn objective<'a>(plan: &'a mut Dataset, code: &str) -> &'a mut Objective {
    plan.objectives.iter_mut().find(|o| o.code == code).unwrap()
}

/// The shipped plan as the snapshot, and the plan now.
fn plans() -> (Dataset, Dataset) {
    let snapshot = obiettivi::io::shipped();
    let mut now = snapshot.clone();
    let rewritten = objective(&mut now, REWRITTEN);
    rewritten.narratives.year1 = NEW_TEXT.into();
    rewritten.status = Some("Concluso".into());
    let edited = objective(&mut now, EDITED);
    let year1 = edited.narratives.year1.clone();
    let first = year1.split_whitespace().nth(3).unwrap().to_string();
    edited.narratives.year1 = year1.replacen(&first, "MODIFICATO", 1);
    (snapshot, now)
}

fn mark(now: &Dataset, code: &str, comment: &str) -> ReviewMark {
    let o = now.objectives.iter().find(|o| o.code == code).unwrap();
    ReviewMark {
        code: code.into(),
        at: at("2026-11-25T10:30:00+01:00"),
        who: "anna".into(),
        comment: comment.into(),
        version: None,
        fingerprint: Some(fingerprint(o)),
    }
}

fn minutes(format: Format) -> String {
    set_lang(Lang::It);
    let (snapshot, now) = plans();
    let review = Review {
        id: 3,
        started_at: at("2026-11-25T10:00:00+01:00"),
        who: "anna".into(),
        snapshot: Some("Monitoraggio 30/06/2026".into()),
        marks: vec![
            mark(&now, REWRITTEN, "alloggi consegnati"),
            mark(&now, REVIEWED, ""),
        ],
        place: None,
    };
    render_minutes(
        &Minutes {
            review: &review,
            snapshot: Some(&snapshot),
            now: &now,
            history: &[],
            today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        },
        format,
    )
}

/// The part of `text` from `from` to the next `to` (or the end).
fn part<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("«{from}» missing: {text}"));
    let rest = &text[start..];
    let end = rest[from.len()..]
        .find(to)
        .map_or(rest.len(), |i| i + from.len());
    &rest[..end]
}

#[test]
fn the_txt_minutes_are_the_golden_file() {
    let txt = minutes(Format::Text);
    if std::env::var("OBIETTIVI_GOLDEN").as_deref() == Ok("write") {
        std::fs::write(GOLDEN, &txt).unwrap();
    }
    let golden = std::fs::read_to_string(GOLDEN).unwrap();
    assert_eq!(
        txt, golden,
        "the txt minutes differ from {GOLDEN} (OBIETTIVI_GOLDEN=write to accept them)"
    );
}

#[test]
fn the_txt_minutes_say_before_and_after_in_words_without_markup() {
    let txt = minutes(Format::Text);
    for markup in ["[-", "-]", "{+", "+}", "~~", "**"] {
        assert!(!txt.contains(markup), "«{markup}» in the minutes: {txt}");
    }
    assert!(
        txt.contains("- Stato — prima: In Corso; dopo: Concluso"),
        "{txt}"
    );
    // The rewritten paragraph, before and after whole.
    let bar = "═".repeat(80);
    let section = part(&txt, &format!("{REWRITTEN} — "), &format!("{bar}\n0"));
    let old = obiettivi::io::shipped()
        .objectives
        .into_iter()
        .find(|o| o.code == REWRITTEN)
        .unwrap()
        .narratives
        .year1;
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let said = flat(section);
    assert!(
        said.contains(&format!("Prima: {}", flat(&old))),
        "{section}"
    );
    assert!(
        said.contains(&format!("Dopo: {}", flat(NEW_TEXT))),
        "{section}"
    );
    // The small edit: the words around it, before and after.
    let section = part(&txt, &format!("{EDITED} — "), &format!("{bar}\n0"));
    assert!(
        section.contains("Prima: ") && section.contains("Dopo: "),
        "{section}"
    );
    assert!(flat(section).contains("MODIFICATO"), "{section}");
    // Unchanged objectives: named once, together; no section each.
    assert!(txt.contains("Senza modifiche:"), "{txt}");
    assert!(!txt.contains("Nessuna modifica."), "{txt}");
    assert_eq!(txt.matches("════════\n05_").count(), 3, "{txt}");
}

#[test]
fn the_md_and_html_minutes_follow_the_same_rules_with_their_own_markup() {
    let md = minutes(Format::Markdown);
    let rewritten = part(&md, &format!("## {REWRITTEN}"), "\n## ");
    assert!(
        !rewritten.contains("~~"),
        "rewritten: no word diff: {rewritten}"
    );
    assert!(
        rewritten.contains("Prima: ") && rewritten.contains("Dopo: "),
        "{rewritten}"
    );
    let edited = part(&md, &format!("## {EDITED}"), "\n## ");
    assert!(
        edited.contains("**MODIFICATO"),
        "a readable word diff: {edited}"
    );
    assert!(md.contains("Senza modifiche:** "), "{md}");
    let html = minutes(Format::Html);
    let rewritten = part(&html, &format!("<h2>{REWRITTEN}"), "<section");
    assert!(
        !rewritten.contains("<del>") && rewritten.contains("Prima: "),
        "{rewritten}"
    );
    let edited = part(&html, &format!("<h2>{EDITED}"), "<section");
    assert!(edited.contains("<ins>MODIFICATO"), "{edited}");
    assert_eq!(html.matches("<section class=\"objective\">").count(), 3);
}
