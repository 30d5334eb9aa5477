//! A synthetic plan in schema `obiettivi/1` on stdout, for trying the
//! application (and `obiettivi import`) at the scale of a whole municipality.
//!
//! `cargo run --release --example synthetic -- --objectives N --phases P --seed S > plan.json`
//! (defaults: 1000 objectives, 10 phases, seed 1). Same arguments, same file.
//! Plans of other shapes: `--narrative BYTES` (each status narrative, 2000 by
//! default), `--no-indicators`, and `--sorted-keys` (every object's keys in
//! alphabetical order, not the order the application writes them in).

use std::io::Write;

use obiettivi::dev::synthetic::{Spec, generate_shaped};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let sorted = args.len() > args.iter().filter(|a| *a != "--sorted-keys").count();
    args.retain(|a| a != "--sorted-keys");
    let (spec, shape, _) = Spec::from_args(args).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let plan = generate_shaped(&spec, &shape);
    let json = match sorted {
        // serde_json's own map keeps its keys sorted.
        true => serde_json::to_value(&plan)
            .and_then(|v| serde_json::to_string_pretty(&v))
            .unwrap_or_default(),
        false => obiettivi::io::json::to_string(&plan),
    };
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(json.as_bytes()).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("{e}");
        std::process::exit(2)
    }
}
