//! The Relazione printed to PDF by `report --doc relazione --format pdf`
//! (headless Chromium): A4 on every page (the per-objective table on A4
//! turned sideways), no word in the side margins or past them, every
//! objective's code and every act in the text. Needs chromium and
//! poppler-utils as `report_print` does.

use crate::common;
use crate::report_print::{A4, MARGIN, page_sizes, tools_present, words};
use common::*;

/// An indicator on 05_1201_0601 with all its columns filled, and a long title.
fn plan_with_an_indicator() -> serde_json::Value {
    let mut plan = shipped_json();
    let objective = objective_in(&mut plan, "05_1201_0601");
    objective["indicators"] = serde_json::json!([{
        "name": "Alloggi a canone calmierato assegnati", "kind": "output",
        "unit": "n.", "polarity": "increasing", "rule": "linear",
        "baseline": {"value": 12, "year": 2025}, "targets": {"2026": 20, "2027": 30},
        "weight": 100, "source": "Ufficio Casa, graduatorie protocollo/PG/2026/0012345/allegato-quindici",
        "formula": "n. alloggi assegnati nell'anno",
        "measurements": [{"period": "2026-06-30", "value": 15, "note": ""}]
    }]);
    plan
}

#[test]
fn the_relazione_prints_on_a4_with_every_code_and_act_inside_the_margins() {
    if !tools_present() {
        return;
    }
    let (dir, db) = new_db_path();
    let json = dir.path().join("piano.json");
    std::fs::write(&json, plan_with_an_indicator().to_string()).unwrap();
    import_into_empty(&db, json.to_str().unwrap());
    year_walked(&db);
    let pdf = dir.path().join("relazione.pdf");
    ok(
        &db,
        &[
            "report",
            "--doc",
            "relazione",
            "--format",
            "pdf",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    let sizes = page_sizes(&pdf);
    assert!(sizes.len() >= 5, "{sizes:?}");
    let mut landscape = 0;
    for (page, (w, h)) in sizes.iter().enumerate() {
        let portrait = (w - A4.0).abs() < 2.0 && (h - A4.1).abs() < 2.0;
        let sideways = (w - A4.1).abs() < 2.0 && (h - A4.0).abs() < 2.0;
        assert!(
            portrait || sideways,
            "page {}: {w} × {h} pt is not A4",
            page + 1
        );
        landscape += usize::from(sideways);
    }
    assert!(
        landscape >= 1,
        "the wide table is on A4 sideways: {sizes:?}"
    );
    let words = words(&pdf);
    for w in &words {
        let width = sizes[w.page - 1].0;
        assert!(
            w.x_min >= MARGIN - 1.0 && w.x_max <= width - MARGIN + 1.0,
            "page {}: «{}» at {:.1}–{:.1} pt, outside {MARGIN:.1}–{:.1}",
            w.page,
            w.text,
            w.x_min,
            w.x_max,
            width - MARGIN
        );
    }
    // Words a cell wrapped come back in pieces: look for them without spaces.
    let text: String = words.iter().map(|w| w.text.as_str()).collect();
    let plan = shipped_json();
    for o in plan["objectives"].as_array().unwrap() {
        let code = o["code"].as_str().unwrap();
        assert!(text.contains(code), "{code} not in the PDF");
    }
    for act in [APPROVAL_ACT, VARIATION_ACT] {
        let act: String = act.split_whitespace().collect();
        assert!(text.contains(&act), "{act} not in the PDF");
    }
    for word in ["Alloggi", "calmierato", "assegnati", "quindici"] {
        assert!(
            words.iter().any(|w| w.text.contains(word)),
            "{word}: the indicator"
        );
    }
}
