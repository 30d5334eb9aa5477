//! What users typed never reaches a terminal or a spreadsheet raw (GUIDE §7,
//! output): control characters are shown escaped in every CLI output, HTML is
//! escaped in Markdown, and CSV cells that would start a formula are neutralised.

use crate::common;
use common::*;

const CODE: &str = "05_1201_0601";
/// Erase the line, move up, set the window title, write the clipboard (OSC 52).
const HOSTILE: &str = "a\u{1b}[2K\u{1b}[1A\u{1b}]0;preso\u{7}\u{1b}]52;c;ZWNobyBoaQ==\u{7}\rb";

fn assert_no_controls(what: &str, text: &str) {
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{what} printed a raw control character: {text:?}"
    );
}

#[test]
fn escape_sequences_in_a_note_come_out_escaped_everywhere_they_are_shown() {
    let (_dir, db) = fresh_db();
    ok(&db, &["snapshot", "create", "prima"]);
    let echo = ok(&db, &["set", CODE, "--phase", "1", "--notes", HOSTILE]);
    ok(&db, &["set", CODE, "--status", HOSTILE]);
    assert_no_controls("set", &echo);
    assert!(echo.contains("\\x1b[2K"), "{echo}");
    // A review whose comment holds the same sequences, for the minutes.
    {
        let store = obiettivi::store::Store::open(&db, obiettivi::model::Dataset::empty).unwrap();
        let review = store.start_review(Some("prima"), "anna").unwrap();
        store
            .mark_reviewed(review.id, CODE, HOSTILE, "anna")
            .unwrap();
    }
    let outputs = [
        (
            "minutes md",
            ok(&db, &["report", "--review", "1", "--format", "md"]),
        ),
        (
            "minutes txt",
            ok(&db, &["report", "--review", "1", "--format", "txt"]),
        ),
        ("history", ok(&db, &["history"])),
        ("history CODE", ok(&db, &["history", CODE])),
        ("report md", ok(&db, &["report", "--format", "md", CODE])),
        ("report txt", ok(&db, &["report", "--format", "txt", CODE])),
        (
            "report html",
            ok(&db, &["report", "--format", "html", CODE]),
        ),
        ("diff", ok(&db, &["diff", "prima"])),
    ];
    for (what, text) in &outputs {
        assert_no_controls(what, text);
        // Markdown escapes the bracket as well (a link cannot start there); it renders as `]`.
        let shown = if what.ends_with(" md") {
            "\\x1b\\]0;preso\\x07"
        } else {
            "\\x1b]0;preso\\x07"
        };
        assert!(text.contains(shown), "{what}: {text}");
    }
    // The data itself is kept as typed: the export gives it back.
    assert!(export(&db).contains("\\u001b[2K"));
    // An error quoting what was typed escapes it too.
    let o = run(&db, &["set", "\u{1b}[2J", "--status", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert_no_controls("an error", &stderr(&o));
}

/// A link or an image typed in a narrative or a note is shown as text in the
/// Markdown report, never made a link a reader could click (`javascript:`).
#[test]
fn markdown_shows_links_and_images_as_text() {
    let (_dir, db) = fresh_db();
    let typed = "[premi](javascript:alert(1)) ![x](javascript:alert(2)) [rif][1]\n\n[1]: javascript:alert(3)";
    ok(&db, &["set", CODE, "--phase", "1", "--notes", typed]);
    ok(&db, &["set", CODE, "--operational", typed]);
    let md = ok(&db, &["report", "--format", "md", CODE]);
    for link in ["[premi](", "[x](", "[rif][1]", "\n[1]:"] {
        assert!(!md.contains(link), "{link}: {md}");
    }
    assert!(
        md.contains("\\[premi\\](javascript:alert(1)) !\\[x\\](javascript:alert(2))"),
        "{md}"
    );
}

#[test]
fn markdown_shows_html_as_text() {
    let (_dir, db) = fresh_db();
    ok(&db, &["snapshot", "create", "prima"]);
    let script = "<script>alert('x')</script> & <img src=x onerror=alert(1)>";
    ok(&db, &["set", CODE, "--phase", "1", "--notes", script]);
    ok(&db, &["set", CODE, "--operational", script]);
    {
        let store = obiettivi::store::Store::open(&db, obiettivi::model::Dataset::empty).unwrap();
        let review = store.start_review(Some("prima"), "anna").unwrap();
        store
            .mark_reviewed(review.id, CODE, script, "anna")
            .unwrap();
    }
    for (what, md) in [
        (
            "minutes",
            ok(&db, &["report", "--review", "1", "--format", "md"]),
        ),
        ("report", ok(&db, &["report", "--format", "md", CODE])),
        ("diff", ok(&db, &["diff", "prima", "--format", "md"])),
    ] {
        assert!(
            !md.contains("<script>") && !md.contains("<img"),
            "{what}: {md}"
        );
        assert!(
            md.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;img"),
            "{what}: {md}"
        );
    }
}

#[test]
fn csv_cells_that_would_be_formulas_are_neutralised() {
    let (_dir, db) = fresh_db();
    ok(&db, &["set", CODE, "--phase", "1", "--notes", "=1+1"]);
    ok(
        &db,
        &[
            "set",
            CODE,
            "--phase",
            "2",
            "--notes",
            "=HYPERLINK(\"http://x\";\"y\")",
        ],
    );
    ok(&db, &["set", CODE, "--status", "@SUM(A1:A9)"]);
    ok(&db, &["set", CODE, "--manager=-2+3"]);
    ok(&db, &["set", CODE, "--phase", "3", "--name", "+39 333"]);
    let csv = ok(&db, &["export", "--format", "csv"]);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let mut checked = 0;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a live formula: {cell:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 100);
    for shown in ["'=1+1", "'=HYPERLINK", "'@SUM(A1:A9)", "'-2+3", "'+39 333"] {
        assert!(csv.contains(shown), "{shown} missing");
    }
}
