//! Writes the spreadsheet bombs of issue 24 (item 6) into a directory, to
//! measure what `obiettivi import` costs on each:
//!
//! ```sh
//! cargo run --release --example sheet_bombs -- /tmp/bombs [NAME…]
//! for f in /tmp/bombs/*; do
//!   /usr/bin/time -v target/release/obiettivi --db /tmp/bombs-db import "$f" 2>&1 |
//!     grep -E 'limite|limit|Maximum resident'
//! done
//! ```
//!
//! With names (`far-cell`, `million-rows.csv`, …) only those are written.

use obiettivi::dev::bombs;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or("bombs".into()));
    let only: Vec<String> = std::env::args().skip(2).collect();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| name.starts_with(o.as_str()));
    std::fs::create_dir_all(&dir).expect("the directory is made");
    let files: [(&str, &dyn Fn() -> Vec<u8>); 7] = [
        ("far-cell.xlsx", &bombs::far_cell),
        ("shared-string-2gib.xlsx", &|| {
            bombs::huge_shared_string(2 << 30)
        }),
        ("declared-strings.xlsx", &|| {
            bombs::declared_strings(1 << 40)
        }),
        ("repeated-string.xlsx", &|| {
            bombs::repeated_shared_string(2_000_000, 400_000)
        }),
        ("million-rows.xlsx", &|| bombs::many_rows(1_000_000)),
        ("million-rows.csv", &|| bombs::csv_rows(1_000_000)),
        ("wide-line.csv", &|| bombs::csv_wide_line(30_000_000)),
    ];
    for (name, make) in files.into_iter().filter(|(n, _)| wanted(n)) {
        let bytes = make();
        let path = dir.join(name);
        std::fs::write(&path, &bytes).expect("the file is written");
        println!("{} {} bytes", path.display(), bytes.len());
    }
}
