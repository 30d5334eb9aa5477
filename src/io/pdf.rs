//! A document's HTML printed to PDF (A4, the stylesheet's `@page` rules) by
//! headless Chromium, the engine the print test already uses: no crate to
//! build, and the same layout a user's "Print to PDF" gives. Chromium's PDF
//! is PDF 1.4 with fonts embedded, NOT PDF/A: an archive that requires
//! PDF/A converts it (e.g. with veraPDF-checked tools); this one claims no
//! conformance. `OBIETTIVI_CHROMIUM` names the browser when it is not
//! `chromium`, `chromium-browser` or `google-chrome` on the PATH.

use std::process::{Command, Stdio};

use crate::i18n::tr_string;
use crate::tr_format;

/// The PDF of `html`, or why there is none (in the user's words).
pub fn print(html: &str) -> Result<Vec<u8>, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let page = dir.path().join("documento.html");
    let pdf = dir.path().join("documento.pdf");
    let profile = dir.path().join("profilo");
    std::fs::write(&page, html).map_err(|e| e.to_string())?;
    let browsers: Vec<String> = match std::env::var("OBIETTIVI_CHROMIUM") {
        Ok(b) if !b.trim().is_empty() => vec![b],
        _ => ["chromium", "chromium-browser", "google-chrome"]
            .map(String::from)
            .to_vec(),
    };
    for browser in &browsers {
        let run = Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", page.display()))
            .stdin(Stdio::null())
            .output();
        match run {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(format!("{browser}: {e}")),
            Ok(o) if !o.status.success() || !pdf.exists() => {
                return Err(tr_format!(
                    "{browser} non ha stampato il PDF: {}",
                    "{browser} did not print the PDF: {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                ));
            }
            Ok(_) => return std::fs::read(&pdf).map_err(|e| e.to_string()),
        }
    }
    Err(tr_string(
        "per il PDF serve chromium (apt-get install chromium, o OBIETTIVI_CHROMIUM=percorso); l'HTML (--format html) si stampa anche dal browser",
        "the PDF needs chromium (apt-get install chromium, or OBIETTIVI_CHROMIUM=path); the HTML (--format html) prints from a browser too",
    ))
}
