//! Scratch probe (issue 19): where does opening a big plan's database go?
//! Imports a synthetic plan, closes it, then opens the same files with sled
//! alone and reads one tree at a time, printing time and RSS after each step.

use std::time::Instant;

use obiettivi::dev::measure::rss_mb;
use obiettivi::dev::synthetic::{Spec, generate};
use obiettivi::model::Dataset;
use obiettivi::store::Store;

fn main() {
    let (spec, _, _) = Spec::from_args(std::env::args().skip(1)).expect("args");
    let dir = std::env::temp_dir().join(format!("sled-probe-{}", std::process::id()));
    let db = dir.join("db");
    if std::env::var("PROBE_DB").is_err() {
        let dataset = generate(&spec);
        let store = Store::open(&db, Dataset::empty).expect("open");
        store.import(&dataset, "probe").expect("import");
        drop(store);
        println!("imported into {}", db.display());
        // A child reads it, so its RSS is sled's alone.
        for run in ["first open after the import", "second open"] {
            println!("-- {run}");
            let out = std::process::Command::new(std::env::current_exe().unwrap())
                .env("PROBE_DB", &db)
                .output()
                .unwrap();
            print!("{}", String::from_utf8_lossy(&out.stdout));
            eprint!("{}", String::from_utf8_lossy(&out.stderr));
        }
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    let db = std::path::PathBuf::from(std::env::var("PROBE_DB").unwrap());
    for entry in std::fs::read_dir(&db).unwrap() {
        let e = entry.unwrap();
        println!(
            "  file {:?} {} bytes",
            e.file_name(),
            e.metadata().unwrap().len()
        );
    }
    let t = Instant::now();
    let sled = sled::Config::new()
        .path(&db)
        .cache_capacity(std::env::var("CACHE_MB").map_or(64, |v| v.parse().unwrap()) * 1024 * 1024)
        .flush_every_ms(None)
        .open()
        .unwrap();
    println!(
        "sled open {:.1} ms rss {:?}",
        t.elapsed().as_secs_f64() * 1e3,
        rss_mb()
    );
    // Every tree, the plans' (`p1/…`, schema 6) among them.
    for name in sled.tree_names() {
        let name = String::from_utf8_lossy(&name).into_owned();
        let t = Instant::now();
        let tree = sled.open_tree(&name).unwrap();
        let (mut n, mut bytes) = (0usize, 0usize);
        for kv in tree.iter() {
            let (k, v) = kv.unwrap();
            n += 1;
            bytes += k.len() + v.len();
        }
        println!(
            "{name}: {n} records {:.1} MB read in {:.1} ms, rss {:?}",
            bytes as f64 / 1e6,
            t.elapsed().as_secs_f64() * 1e3,
            rss_mb()
        );
    }
    unsafe extern "C" {
        fn malloc_trim(pad: usize) -> i32;
    }
    let t = Instant::now();
    unsafe { malloc_trim(0) };
    println!(
        "after malloc_trim ({:.1} ms): rss {:?}",
        t.elapsed().as_secs_f64() * 1e3,
        rss_mb()
    );
    drop(sled);
    unsafe { malloc_trim(0) };
    println!("after dropping sled: rss {:?}", rss_mb());
}
