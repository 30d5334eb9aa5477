//! A stale spreadsheet merged three ways (issue 23, item 2): an xlsx or CSV
//! export carries each objective's version; importing it back after someone
//! else changed the plan keeps their newer values where the file did not
//! change the cell, refuses a cell both changed (exit 2, who, when, the three
//! values) unless `--force`, which the history records, and applies the rest.

use crate::common;
use common::workbook::save;
use common::*;

use std::path::{Path, PathBuf};

use obiettivi::io::sheet_read::{Raw, Table, read_xlsx};

const CODE: &str = "05_1201_0201";

#[derive(Clone, Copy, Debug)]
enum Format {
    Csv,
    Xlsx,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// The place a message gives for `header` on the row of phase `phase` of `CODE`.
    fn sheet(self, file: &Path) -> String {
        match self {
            Format::Csv => file.file_name().unwrap().to_string_lossy().into_owned(),
            Format::Xlsx => "Fasi".into(),
        }
    }
}

/// The shipped plan with phase 1 of `CODE` at 65 %, exported in `format`.
fn exported(format: Format) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, db) = fresh_db();
    ok(&db, &["set", CODE, "--phase", "1", "--progress", "65"]);
    let file = dir.path().join(format!("piano.{}", format.name()));
    let out = file.to_str().unwrap();
    ok(&db, &["export", "--format", format.name(), "-o", out]);
    (dir, db, file)
}

/// A colleague's change after the export: phase 1 of `CODE` to 70 %.
fn colleague_sets_70(db: &Path) {
    ok(db, &["set", CODE, "--phase", "1", "--progress", "70"]);
}

/// `file` with the cells of phase `phase` of `CODE` under `header` set to `value` (as typed).
fn edit(format: Format, file: &Path, edits: &[(usize, &str, &str)]) {
    match format {
        Format::Csv => edit_csv(file, edits),
        Format::Xlsx => edit_xlsx(file, edits),
    }
}

fn edit_csv(file: &Path, edits: &[(usize, &str, &str)]) {
    let text = std::fs::read_to_string(file).unwrap();
    let body = text.trim_start_matches('\u{feff}');
    let mut rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let header = rows[0].clone();
    let at = |h: &str| header.iter().position(|x| x == h).unwrap();
    let mut found = 0;
    for (phase, column, value) in edits {
        for row in rows.iter_mut() {
            if row.len() == header.len()
                && row[at("Obiettivo")] == CODE
                && row[at("N. fase")] == phase.to_string()
            {
                row[at(column)] = value.to_string();
                found += 1;
            }
        }
    }
    assert_eq!(found, edits.len());
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in &rows {
        writer.write_record(row).unwrap();
    }
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend(writer.into_inner().unwrap());
    std::fs::write(file, out).unwrap();
}

fn edit_xlsx(file: &Path, edits: &[(usize, &str, &str)]) {
    let mut tables: Vec<Table> = read_xlsx(&std::fs::read(file).unwrap()).unwrap();
    let phases = tables.iter_mut().find(|t| t.name == "Fasi").unwrap();
    let at = |h: &str| phases.header.iter().position(|x| x == h).unwrap();
    let (code, number) = (at("Obiettivo"), at("N. fase"));
    for (phase, column, value) in edits {
        let j = at(column);
        let row = phases
            .rows
            .iter_mut()
            .find(|r| r[code] == Raw::Text(CODE.into()) && r[number] == Raw::Number(*phase as f64))
            .unwrap();
        // A progress is a fraction in a workbook; a weight a plain number.
        let n: f64 = value.parse().unwrap();
        row[j] = Raw::Number(if *column == "Avanzamento" {
            n / 100.0
        } else {
            n
        });
    }
    save(&tables, file);
}

fn import(db: &Path, file: &Path, more: &[&str]) -> std::process::Output {
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend_from_slice(more);
    run(db, &args)
}

/// Phase `phase` of `CODE`'s `field` in the plan as exported to JSON.
fn stored(db: &Path, phase: usize, field: &str) -> serde_json::Value {
    let mut plan = export_json(db);
    objective_in(&mut plan, CODE)["phases"][phase - 1][field].clone()
}

/// Who the history says made the newest change of `code`.
fn last_author(db: &Path, code: &str) -> String {
    let history = ok(db, &["history", code]);
    let last = history.lines().last().unwrap();
    last.split("  ").nth(1).unwrap().to_string()
}

fn untouched_stale_file_keeps_the_newer_value(format: Format) {
    let (_dir, db, file) = exported(format);
    colleague_sets_70(&db);
    let who = last_author(&db, CODE);
    let out = ok(&db, &["import", "--dry-run", file.to_str().unwrap()]);
    assert!(
        out.contains("1 cella lasciata com'è nel piano: il file ha il valore dell'esportazione, nel piano è cambiata dopo:"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "foglio «{}», riga 3, colonna «Avanzamento»",
            format.sheet(&file)
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("Avanzamento: resta 70% ({who}, ")),
        "{out}"
    );
    assert!(out.contains("; nel file 65%"), "{out}");
    assert!(!out.contains("70% → 65%"), "{out}");
    assert!(out.ends_with("nulla da cambiare\n"), "{out}");
    let out = ok(&db, &["import", file.to_str().unwrap()]);
    assert!(out.ends_with("nulla da cambiare\n"), "{out}");
    assert_eq!(stored(&db, 1, "progress"), 70.0);
}

#[test]
fn an_untouched_stale_csv_keeps_the_newer_value_and_the_dry_run_says_why() {
    untouched_stale_file_keeps_the_newer_value(Format::Csv);
}

#[test]
fn an_untouched_stale_workbook_keeps_the_newer_value_and_the_dry_run_says_why() {
    untouched_stale_file_keeps_the_newer_value(Format::Xlsx);
}

fn a_cell_changed_on_both_sides_is_refused_then_forced(format: Format) {
    let (_dir, db, file) = exported(format);
    colleague_sets_70(&db);
    let who = last_author(&db, CODE);
    edit(
        format,
        &file,
        &[(1, "Avanzamento", "80"), (2, "Peso", "30")],
    );
    let before = export(&db);
    for dry_run in [&["--dry-run"][..], &[]] {
        let o = import(&db, &file, dry_run);
        assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
        let err = stderr(&o);
        assert!(
            err.contains("1 cella in conflitto: cambiata sia nel file sia nel piano dopo l'esportazione; nessuna modifica è stata scritta:"),
            "{err}"
        );
        assert!(
            err.contains(&format!(
                "foglio «{}», riga 3, colonna «Avanzamento»",
                format.sheet(&file)
            )),
            "{err}"
        );
        assert!(
            err.contains(&format!(
                "{CODE} fase 1 «IMPLEMENTAZIONE DI SERVIZI EDUCATIVI PER PERSONE CON DISABI…» Avanzamento: all'esportazione 65%, ora 70% ({who}, "
            )),
            "{err}"
        );
        assert!(err.contains("), nel file 80%"), "{err}");
        assert!(err.contains("import --force"), "{err}");
        assert_eq!(
            export(&db),
            before,
            "nothing applied, the other cell neither"
        );
    }
    let out = ok(&db, &["import", "--force", file.to_str().unwrap()]);
    assert!(out.contains("Avanzamento: 70% → 80%  [forzato]"), "{out}");
    assert!(out.contains("Peso: n/d → 30\n"), "{out}");
    assert_eq!(stored(&db, 1, "progress"), 80.0);
    assert_eq!(stored(&db, 2, "weight"), 30.0);
    let history = ok(&db, &["history", CODE]);
    let forced: Vec<&str> = history.lines().filter(|l| l.contains("forzato")).collect();
    assert_eq!(forced.len(), 1, "{history}");
    assert!(
        forced[0].ends_with(
            "Avanzamento: 70 → 80  [forzato: sopra il valore più recente di un altro utente]"
        ),
        "{history}"
    );
}

#[test]
fn a_csv_cell_changed_since_the_export_by_both_is_refused_with_who_and_three_values_then_forced() {
    a_cell_changed_on_both_sides_is_refused_then_forced(Format::Csv);
}

#[test]
fn a_workbook_cell_changed_since_the_export_by_both_is_refused_with_who_and_three_values_then_forced()
 {
    a_cell_changed_on_both_sides_is_refused_then_forced(Format::Xlsx);
}

fn another_cell_imports_fine(format: Format) {
    let (_dir, db, file) = exported(format);
    colleague_sets_70(&db);
    edit(format, &file, &[(2, "Peso", "30")]);
    let out = ok(&db, &["import", file.to_str().unwrap()]);
    assert!(out.contains("Peso: n/d → 30\n"), "{out}");
    assert!(out.contains("Avanzamento: resta 70%"), "{out}");
    assert!(!out.contains("forzato"), "{out}");
    assert_eq!(stored(&db, 1, "progress"), 70.0);
    assert_eq!(stored(&db, 2, "weight"), 30.0);
}

#[test]
fn another_cell_edited_in_a_stale_csv_imports_fine() {
    another_cell_imports_fine(Format::Csv);
}

#[test]
fn another_cell_edited_in_a_stale_workbook_imports_fine() {
    another_cell_imports_fine(Format::Xlsx);
}

#[test]
fn a_file_without_versions_is_imported_as_before_and_the_dry_run_says_so() {
    let (dir, db) = fresh_db();
    let file = dir.path().join("vecchio.csv");
    ok(
        &db,
        &["export", "--format", "csv", "-o", file.to_str().unwrap()],
    );
    // An export from before versions: the two last columns were not there.
    let text = std::fs::read_to_string(&file).unwrap();
    let old: String = text
        .split("\r\n")
        .map(|l| {
            let mut cells: Vec<&str> = l.split(';').collect();
            cells.truncate(cells.len().saturating_sub(2));
            cells.join(";")
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    assert!(!old.contains("Versione"));
    std::fs::write(&file, old).unwrap();
    colleague_sets_70(&db);
    let out = ok(&db, &["import", "--dry-run", file.to_str().unwrap()]);
    assert!(out.contains("Avanzamento: 70% → n/d"), "{out}");
    assert!(
        out.ends_with("Il file non porta le versioni dell'esportazione (un'esportazione precedente o un foglio fatto a mano): ogni cella diversa dal piano lo sostituisce, anche se un altro utente l'ha cambiata dopo.\n"),
        "{out}"
    );
}

#[test]
fn a_version_typed_over_is_refused_naming_its_cell() {
    let (_dir, db, file) = exported(Format::Csv);
    edit(Format::Csv, &file, &[(1, "Versione", "sette")]);
    let o = import(&db, &file, &["--dry-run"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("riga 3, colonna «Versione» (Y): «sette» non è una versione"),
        "{err}"
    );
}

/// Whether python3 can re-save a workbook with openpyxl (`.ci/run` installs it).
pub(crate) fn openpyxl_present() -> bool {
    let present = std::process::Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .is_ok_and(|o| o.status.success());
    let missing: &[&str] = if present { &[] } else { &["openpyxl"] };
    tool_or_skip(
        missing,
        "OBIETTIVI_REQUIRE_OPENPYXL",
        "re-saving a workbook as a spreadsheet program would",
        "pip install openpyxl",
    )
}

/// Opens the workbook, types `weight` as the weight of phase 2 of `CODE`, saves it: as a user of a spreadsheet program would.
const RESAVE: &str = r#"
import sys, openpyxl
path, code, weight = sys.argv[1], sys.argv[2], float(sys.argv[3])
book = openpyxl.load_workbook(path)
sheet = book["Fasi"]
header = [c.value for c in sheet[1]]
col = {h: i for i, h in enumerate(header)}
for row in sheet.iter_rows(min_row=2):
    if row[col["Obiettivo"]].value == code and row[col["N. fase"]].value == 2:
        row[col["Peso"]].value = weight
book.save(path)
"#;

#[test]
fn a_workbook_saved_again_by_openpyxl_keeps_its_versions() {
    if !openpyxl_present() {
        return;
    }
    let (_dir, db, file) = exported(Format::Xlsx);
    colleague_sets_70(&db);
    let o = std::process::Command::new("python3")
        .args(["-c", RESAVE, file.to_str().unwrap(), CODE, "30"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = ok(&db, &["import", file.to_str().unwrap()]);
    assert!(out.contains("Peso: n/d → 30\n"), "{out}");
    assert!(out.contains("Avanzamento: resta 70%"), "{out}");
    assert!(!out.contains("non porta le versioni"), "{out}");
    assert_eq!(stored(&db, 1, "progress"), 70.0);
}

/// The shipped plan with an indicator on `ALLOGGI` (target 2026 = 20, 15 at
/// 30/06/2026), exported as CSV; then a colleague sets its 2026 target to 25.
fn indicator_exported_then_changed() -> (tempfile::TempDir, PathBuf, PathBuf, String) {
    let (dir, db) = fresh_db();
    add_alloggi(&db, ALLOGGI, &[]);
    let file = dir.path().join("piano.csv");
    let out = file.to_str().unwrap();
    ok(&db, &["export", "--format", "csv", "-o", out]);
    ok(
        &db,
        &["set", ALLOGGI, "--indicator", "1", "--target", "2026=25"],
    );
    let who = last_author(&db, ALLOGGI);
    (dir, db, file, who)
}

const ALLOGGI: &str = "05_1201_0601";

fn target_2026(db: &Path) -> serde_json::Value {
    let mut plan = export_json(db);
    objective_in(&mut plan, ALLOGGI)["indicators"][0]["targets"]["2026"].clone()
}

#[test]
fn an_indicator_target_left_as_exported_keeps_the_newer_one() {
    let (_dir, db, file, who) = indicator_exported_then_changed();
    let out = ok(&db, &["import", file.to_str().unwrap()]);
    assert!(
        out.contains(&format!(
            "{ALLOGGI} indicatore 1 «Alloggi assegnati» target 2026: resta 25 ({who}, "
        )),
        "{out}"
    );
    assert!(out.contains("; nel file 20\n"), "{out}");
    assert!(out.contains("nulla da cambiare"), "{out}");
    assert_eq!(target_2026(&db), 25.0);
}

#[test]
fn an_indicator_target_changed_on_both_sides_is_refused_then_forced() {
    let (_dir, db, file, who) = indicator_exported_then_changed();
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replace(";2026;20;30/06/2026;15;", ";2026;22;30/06/2026;16;");
    assert_ne!(edited, text);
    std::fs::write(&file, edited).unwrap();
    let before = export(&db);
    let o = import(&db, &file, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "colonna «Target» (M): {ALLOGGI} indicatore 1 «Alloggi assegnati» target 2026: all'esportazione 20, ora 25 ({who}, "
        )),
        "{err}"
    );
    assert!(err.contains("), nel file 22"), "{err}");
    assert!(err.starts_with("obiettivi: errore: "), "{err}");
    assert!(err.contains("1 cella in conflitto"), "{err}");
    assert_eq!(export(&db), before);
    ok(&db, &["import", "--force", file.to_str().unwrap()]);
    assert_eq!(target_2026(&db), 22.0);
    let history = ok(&db, &["history", ALLOGGI]);
    let forced: Vec<&str> = history.lines().filter(|l| l.contains("forzato")).collect();
    assert_eq!(forced.len(), 1, "{history}");
    assert!(forced[0].contains("target 2026: 25 → 22"), "{history}");
    assert!(
        history.contains("rilevazione 30/06/2026: 15 → 16\n"),
        "the measurement nobody else changed, applied unforced: {history}"
    );
}

#[test]
fn a_phase_renamed_since_the_export_does_not_refuse_the_stale_file() {
    let (_dir, db, file) = exported(Format::Csv);
    ok(&db, &["set", CODE, "--phase", "1", "--name", "NUOVO NOME"]);
    edit(Format::Csv, &file, &[(2, "Peso", "30")]);
    let out = ok(&db, &["import", file.to_str().unwrap()]);
    assert!(out.contains("Peso: n/d → 30\n"), "{out}");
    assert_eq!(stored(&db, 1, "name"), "NUOVO NOME");
}

#[test]
fn force_is_refused_for_a_plan_file() {
    let (dir, db) = fresh_db();
    let file = dir.path().join("piano.json");
    ok(&db, &["export", "-o", file.to_str().unwrap()]);
    let o = import(&db, &file, &["--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--force vale solo per un foglio xlsx o CSV di export"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_narrative_changed_since_the_export_stays_when_the_workbook_left_it() {
    let (_dir, db, file) = exported(Format::Xlsx);
    ok(&db, &["set", CODE, "--year1", "Testo del collega."]);
    let out = ok(&db, &["import", "--dry-run", file.to_str().unwrap()]);
    assert!(
        out.contains("foglio «Obiettivi», riga 3, colonna «Stato di attuazione 1° anno»"),
        "{out}"
    );
    assert!(out.contains("resta «Testo del collega.»"), "{out}");
    assert!(out.ends_with("nulla da cambiare\n"), "{out}");
}
