//! A synthetic plan in schema `obiettivi/1` on stdout, for trying the
//! application (and `obiettivi import`) at the scale of a whole municipality.
//!
//! `cargo run --release --example synthetic -- --objectives N --phases P --seed S > plan.json`
//! (defaults: 1000 objectives, 10 phases, seed 1). Same arguments, same file.

use std::io::Write;

use obiettivi::dev::synthetic::{Spec, generate};

fn main() {
    let (spec, _) = Spec::from_args(std::env::args().skip(1)).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let json = obiettivi::io::json::to_string(&generate(&spec));
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(json.as_bytes()).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("{e}");
        std::process::exit(2)
    }
}
