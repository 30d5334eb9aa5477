//! Every message in the user's language and in order, with counts in the
//! right number (issue 23 item 10): a corpus of bad and ordinary inputs run
//! under LANG=it, whose output must carry none of the libraries' English
//! ("EOF while parsing", "Zip error", "os error") nor a plural after a 1.

use crate::common;
use common::*;

use std::os::unix::net::UnixListener;
use std::path::Path;

const EDITED_CSV: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/piano_libreoffice.csv"
);

/// What a user must never read under LANG=it: the libraries' own words, and
/// a count of 1 with a plural noun.
fn wrong_words(text: &str) -> Vec<String> {
    let mut found: Vec<String> = [
        "EOF while parsing",
        "Zip error",
        "os error",
        "expected value",
    ]
    .iter()
    .filter(|w| text.contains(*w))
    .map(|w| w.to_string())
    .collect();
    for plural in [
        "celle",
        "obiettivi",
        "indicatori",
        "campi",
        "modifiche",
        "righe",
        "fasi",
    ] {
        let needle = format!("1 {plural}");
        for (at, _) in text.match_indices(&needle) {
            // "1 obiettivi", not "21 obiettivi".
            if !text[..at].ends_with(|c: char| c.is_ascii_digit()) {
                found.push(needle.clone());
            }
        }
    }
    found
}

fn said(o: &std::process::Output) -> String {
    format!("{}{}", stdout(o), stderr(o))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    file.to_str().unwrap().to_string()
}

#[test]
fn bad_inputs_are_said_in_italian_with_counts_in_the_right_number() {
    let (dir, db) = fresh_db();
    let d = dir.path();
    let mut corpus: Vec<(&str, String, Option<&str>)> = Vec::new();
    let mut case = |name: &'static str, o: std::process::Output, expect: Option<&'static str>| {
        corpus.push((name, said(&o), expect));
    };

    let broken_json = write(
        d,
        "rotto.json",
        b"{\"schema\": \"obiettivi/2\", \"objectives\": [",
    );
    case(
        "broken JSON",
        run(&db, &["import", &broken_json]),
        Some("il file finisce a metà"),
    );
    let mut plan = export_json(&db);
    objective_in(&mut plan, "05_1201_0601")["phases"][0]["weight"] = "quaranta".into();
    let wrong_type = write(d, "tipo.json", plan.to_string().as_bytes());
    case(
        "a JSON value of the wrong type",
        run(&db, &["import", &wrong_type]),
        Some("tipo non valido"),
    );
    let not_zip = write(d, "rotto.xlsx", b"PK\x03\x04 non proprio un archivio");
    case("broken xlsx", run(&db, &["import", &not_zip]), None);
    let xlsx = d.join("piano.xlsx");
    ok(
        &db,
        &["export", "--format", "xlsx", "-o", xlsx.to_str().unwrap()],
    );
    let whole = std::fs::read(&xlsx).unwrap();
    let truncated = write(d, "troncato.xlsx", &whole[..whole.len() / 2]);
    case(
        "truncated xlsx",
        run(&db, &["import", &truncated]),
        Some("non è un archivio zip integro"),
    );
    case(
        "a CSV with three fields of one objective",
        run(&db, &["import", "--dry-run", EDITED_CSV]),
        Some("3 campi in 1 obiettivo"),
    );
    let read_only = std::fs::read_to_string(EDITED_CSV).unwrap().replacen(
        ";NUOVI ALLOGGI A CANONE CALMIERATO;",
        ";NUOVI ALLOGGI;",
        1,
    );
    let read_only = write(d, "sola_lettura.csv", read_only.as_bytes());
    case(
        "a CSV with one refused cell",
        run(&db, &["import", &read_only]),
        Some("1 cella rifiutata"),
    );
    case(
        "a missing file",
        run(&db, &["import", d.join("manca.json").to_str().unwrap()]),
        Some("file non trovato"),
    );
    let batch = write(
        d,
        "modifiche.txt",
        b"05_1201_0601 --phase 1 --weight 40\n05_1201_0601 --phase 1 --weight 400\n",
    );
    case(
        "a batch with one refused line",
        run(&db, &["set", "--batch", &batch]),
        Some("1 riga rifiutata"),
    );
    let one = write(d, "una.txt", b"05_1201_0601 --phase 1 --weight 40\n");
    case(
        "a batch of one change",
        run(&db, &["set", "--batch", &one]),
        Some("1 modifica in 1 obiettivo"),
    );
    let mut plan = export_json(&db);
    objective_in(&mut plan, "05_1201_0601")["status"] = "Concluso".into();
    let changed = write(d, "uno.json", plan.to_string().as_bytes());
    case(
        "an import that changes one objective",
        run(&db, &["import", &changed]),
        Some("1 modificato"),
    );
    add_alloggi(&db, "05_1201_0601", &[]);
    case(
        "a report with one indicator",
        run(&db, &["report", "05_1201_0601"]),
        Some("media di 1 indicatore"),
    );

    // A server that hangs up at once: the socket answers, then the pipe breaks.
    let socket = obiettivi::server::listen::socket_path(&db);
    // Not the server a run through `serve` started: one that hangs up.
    release(&db);
    let _ = std::fs::remove_file(&socket);
    let listener = UnixListener::bind(&socket).unwrap();
    let hang_up = std::thread::spawn(move || {
        for stream in listener.incoming().take(2) {
            drop(stream);
        }
    });
    case(
        "a server that hangs up",
        run_plain(&db, &["export"]),
        Some("non risponde ("),
    );
    let _ = std::os::unix::net::UnixStream::connect(&socket);
    hang_up.join().unwrap();
    let _ = std::fs::remove_file(&socket);

    let mut failures = Vec::new();
    for (name, text, expect) in &corpus {
        let wrong = wrong_words(text);
        if !wrong.is_empty() {
            failures.push(format!("{name}: {wrong:?} in: {text}"));
        }
        if let Some(expect) = expect
            && !text.contains(expect)
        {
            failures.push(format!("{name}: «{expect}» not in: {text}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
