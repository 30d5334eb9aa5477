//! Writes the spreadsheet bombs of issue 24 (item 6) into a directory, to
//! measure what `obiettivi import` costs on each:
//!
//! ```sh
//! cargo run --release --example sheet_bombs -- /tmp/bombs
//! for f in /tmp/bombs/*; do
//!   /usr/bin/time -v target/release/obiettivi --db /tmp/bombs-db import "$f" 2>&1 |
//!     grep -E 'limite|limit|Maximum resident'
//! done
//! ```

use obiettivi::dev::bombs;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or("bombs".into()));
    std::fs::create_dir_all(&dir).expect("the directory is made");
    let files: [(&str, Vec<u8>); 6] = [
        ("far-cell.xlsx", bombs::far_cell()),
        (
            "shared-string-2gib.xlsx",
            bombs::huge_shared_string(2 << 30),
        ),
        ("declared-strings.xlsx", bombs::declared_strings(1 << 40)),
        ("million-rows.xlsx", bombs::many_rows(1_000_000)),
        ("million-rows.csv", bombs::csv_rows(1_000_000)),
        ("wide-line.csv", bombs::csv_wide_line(30_000_000)),
    ];
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).expect("the file is written");
        println!("{} {} bytes", path.display(), bytes.len());
    }
}
