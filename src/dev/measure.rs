//! Small helpers shared by the benchmarks in `examples/`: percentiles, the
//! process's memory as the kernel counts it, and the facts of the machine
//! that a figure is meaningless without.

/// The value at quantile `q` (0–1) of `sorted` (nearest rank); 0 when empty.
pub fn percentile(sorted: &[u64], q: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

/// Resident memory of this process in MiB: `(now, peak)` from `VmRSS` and
/// `VmHWM` of `/proc/self/status` (Linux); zeros where that is not available.
pub fn rss_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| kb(&status, name).map_or(0.0, |kb| kb / 1024.0);
    (field("VmRSS:"), field("VmHWM:"))
}

/// The kB after `name` in a `/proc` file (`VmRSS:   1234 kB`).
fn kb(text: &str, name: &str) -> Option<f64> {
    let rest = text.lines().find_map(|l| l.strip_prefix(name))?;
    rest.trim().trim_end_matches("kB").trim().parse().ok()
}

/// `"cores":2,"mem_gib":24,"os":"Linux 6.1 x86_64","cpu":"…","rustc":"…"` — a JSON fragment.
pub fn machine_facts() -> String {
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem_gib = kb(&read("/proc/meminfo"), "MemTotal:").map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    let cpuinfo = read("/proc/cpuinfo");
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map_or("", |v| v.trim_start_matches([' ', '\t', ':']));
    let rustc = std::process::Command::new("rustc")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    format!(
        "\"cores\":{cores},\"mem_gib\":{mem_gib:.1},\"os\":{},\"cpu\":{},\"rustc\":{}",
        json_str(&format!(
            "{} {} {}",
            std::env::consts::OS,
            read("/proc/sys/kernel/osrelease").trim(),
            std::env::consts::ARCH
        )),
        json_str(cpu),
        json_str(&rustc)
    )
}

/// `text` as a JSON string literal.
pub fn json_str(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let v: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&v, 0.5), 51);
        assert_eq!(percentile(&v, 0.99), 99);
        assert_eq!(percentile(&v, 1.0), 100);
        assert_eq!(percentile(&[], 0.5), 0);
    }
}
